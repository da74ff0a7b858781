package main

import (
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

func createAtomic(name string, perm os.FileMode) (*atomicFile, error) {
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
