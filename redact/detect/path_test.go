package detect_test

import (
	"testing"

	"github.com/airlock-cti/airlock/redact/detect"
	"github.com/airlock-cti/airlock/redact/detect/detecttest"
)

func TestUserPath(t *testing.T) {
	d := detector(t, nil, "user-path")
	u := func(text, value string) found { return found{detect.UserPath, text, value, "", false} }
	runTable(t, d, []detectCase{
		{`C:\Users\jsmith\AppData\Roaming\x.exe`, []found{u("jsmith", "jsmith")}},
		{`c:/users/JSmith/Desktop`, []found{u("JSmith", "jsmith")}},
		{`D:\\Users\\jsmith\\x`, []found{u("jsmith", "jsmith")}},
		{`C:\Users\John Smith\Desktop\a.doc`, []found{u("John Smith", "john smith")}},
		{`C:\Users\john.doe`, []found{u("john.doe", "john.doe")}},
		{`path C:\Users\bob.`, []found{u("bob", "bob")}},
		{`C:\Users\bob is the profile`, []found{u("bob", "bob")}},
		{`"C:\Users\bob"`, []found{u("bob", "bob")}},
		{`C:\Documents and Settings\alice\Local Settings`, []found{u("alice", "alice")}},
		{`\\fs01\Users\carol\share`, []found{u("carol", "carol")}},
		{`\\fs01.corp\c$\Users\dave\x`, []found{u("dave", "dave")}},
		{`\\fileserver\home$\tjones\finance`, []found{u("tjones", "tjones")}},
		{`\\fs01\home\tjones`, []found{u("tjones", "tjones")}},
		{`\\fs01\Homes\tjones\x`, []found{u("tjones", "tjones")}},
		{`\\fs01\users$\tjones\x`, []found{u("tjones", "tjones")}},
		{`\\corp.example\dfs\home$\tjones\x`, []found{u("tjones", "tjones")}},
		{`/home/erin/.ssh/id_rsa`, []found{u("erin", "erin")}},
		{`cwd=/home/frank`, []found{u("frank", "frank")}},
		{`"/Users/grace/Library"`, []found{u("grace", "grace")}},
		{`file:///Users/heidi/x`, []found{u("heidi", "heidi")}},
		{`/mnt/c/Users/ivan/x`, []found{u("ivan", "ivan")}},
		{`Ｃ：＼Ｕｓｅｒｓ＼ｊｕｄｙ＼`, []found{u("ｊｕｄｙ", "judy")}},
		{`C:\Users\Müller\x`, []found{u("Müller", "müller")}},
		{`C:\Users\sean.o'brien\AppData`, []found{u("sean.o'brien", "sean.o'brien")}},
		{`'C:\Users\bob'`, []found{u("bob", "bob")}},
		{`'/home/bob' and '/home/eve'`, []found{u("bob", "bob"), u("eve", "eve")}},
		{`C:\Users\d'artagnan`, []found{u("d'artagnan", "d'artagnan")}},
		// No person's name.
		{`C:\Users\Public\Documents`, nil},
		{`C:\Users\Default\NTUSER.DAT`, nil},
		{`C:\Users\Administrator\AppData`, nil},
		{`C:\Users\%USERNAME%\AppData`, nil},
		{`C:\Users\<user>\AppData`, nil},
		{`C:\Users\*\AppData`, nil},
		{`/Users/Shared/x`, nil},
		{`/home/ubuntu/.bash_history`, nil},
		{`/home/ec2-user/x`, nil},
		{`/home/kali/exploit.py`, nil},
		{`/home/vagrant/x`, nil},
		{`C:\Users\Admin\Desktop`, nil},
		{`/home/ubuntu2/x`, []found{u("ubuntu2", "ubuntu2")}},
		{`/home/$USER/x`, nil},
		{`https://example.com/users/42`, nil},
		{`https://example.com/home/bob`, nil},
		{`/var/home/bob`, nil},
		{`/root/.ssh`, nil},
		{`C:\Windows\System32`, nil},
		{`xC:\Users\bob`, nil},
		{`docs\Users\bob`, nil},
		{`C:\Users\`, nil},
		{`C:\home$\bob`, nil},
		{`C:\home\bob`, nil},
		{`/homes/bob`, nil},
		{`\\fs01\home$\Public\x`, nil},
		{`\\fs01\homework\bob`, nil},
	})
}

func TestUserPathConformance(t *testing.T) {
	detecttest.Run(t, detector(t, nil, "user-path"), detecttest.Cases{
		Positives: []detecttest.Positive{
			{Text: `C:\Users\jsmith\AppData`, Datum: "jsmith", Kind: detect.UserPath, Value: "jsmith"},
			{Text: `/home/erin/.ssh`, Datum: "erin", Value: "erin"},
			{Text: `\\fs01\Users\carol\x`, Datum: "carol", Value: "carol"},
			{Text: `\\fileserver\home$\tjones\x`, Datum: "tjones", Value: "tjones"},
		},
		Negatives: append([]string{`C:\Users\Public`, "https://example.com/users/42"}, hardNegatives...),
		Variants:  detecttest.AllVariants,
	})
}
