package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// atomicFile is an output file written under a temporary name in the same
// directory and renamed into place only by Commit, so that a failed run
// leaves nothing (not a partial file) at the final name. Outputs that are
// not regular files (a terminal, a pipe, /dev/stderr) are written directly:
// renaming over them would replace the device, and they hold nothing to
// protect.
type atomicFile struct {
	*os.File
	final  string
	done   bool
	direct bool
}

// createAtomic creates the atomicFile that becomes name on Commit. Its
// errors name the file asked for, not the temporary one.
func createAtomic(name string, perm os.FileMode) (*atomicFile, error) {
	a, err := openAtomic(name, perm)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("cannot write %s: %w", name, err)
	}
	return a, nil
}

// openAtomic is createAtomic without naming the file in its errors.
func openAtomic(name string, perm os.FileMode) (*atomicFile, error) {
	if resolved, err := filepath.EvalSymlinks(name); err == nil {
		st, err := os.Stat(resolved)
		if err != nil {
			return nil, err
		}
		if !st.Mode().IsRegular() {
			f, err := os.OpenFile(resolved, os.O_WRONLY, 0)
			if err != nil {
				return nil, err
			}
			return &atomicFile{File: f, final: resolved, direct: true}, nil
		}
		name = resolved // replace the file a symlink points to, not the link
	}
	f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".tmp-*")
	if err != nil {
		return nil, err
	}
	if err := f.Chmod(perm); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	return &atomicFile{File: f, final: name}, nil
}

// Commit flushes the file to disk and renames it to its final name.
func (a *atomicFile) Commit() error {
	if a.direct {
		a.done = true
		return a.File.Close()
	}
	if err := a.File.Sync(); err != nil {
		a.Abort()
		return err
	}
	if err := a.File.Close(); err != nil {
		os.Remove(a.File.Name())
		return err
	}
	a.done = true
	return os.Rename(a.File.Name(), a.final)
}

// Abort removes the temporary file. It is a no-op after Commit.
func (a *atomicFile) Abort() {
	if a.done {
		return
	}
	a.done = true
	a.File.Close()
	if !a.direct {
		os.Remove(a.File.Name())
	}
}

// sameFile reports whether the paths a and b name one regular file, or
// one path where no file is yet: writing one would then overwrite the
// other. Devices and pipes (/dev/null, /dev/stdout) are never the same
// file: writing one does not replace the other's content.
func sameFile(a, b string) bool {
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	switch {
	case errA == nil && errB == nil:
		return sa.Mode().IsRegular() && os.SameFile(sa, sb)
	case errA == nil || errB == nil:
		return false // one exists and the other does not
	}
	pa, errA := filepath.Abs(a)
	pb, errB := filepath.Abs(b)
	return errA == nil && errB == nil && pa == pb
}

// distinctFiles checks that no two of the named files are one: an output
// written over the input, or over another output, would destroy it when
// renamed into place. Names are flag or argument names, for the error;
// files "" and "-" (standard input or output) are left out.
func distinctFiles(names, files []string) error {
	for i := range files {
		for j := i + 1; j < len(files); j++ {
			if files[i] == "" || files[i] == "-" || files[j] == "" || files[j] == "-" {
				continue
			}
			if sameFile(files[i], files[j]) {
				return fmt.Errorf("%s and %s name the same file %s: give each its own", names[i], names[j], files[j])
			}
		}
	}
	return nil
}

// inputPath is the file an input argument names, for distinctFiles:
// standard input's own name when it is a file ("-" otherwise).
func inputPath(in string, stdin io.Reader) string {
	if f, ok := stdin.(*os.File); ok && in == "-" {
		return f.Name()
	}
	return in
}
