// Command upload-slug lists what Terraform would upload to Terraform Cloud from a directory: it packs
// the directory with go-slug, the library Terraform uses for configuration uploads, honouring the
// directory's .terraformignore. Used by apps/infra/test/terraform-upload.test.ts.
//
// Usage: go run . <dir>   (prints one uploaded file per line, then "size <bytes>" of the archive)
package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"

	slug "github.com/hashicorp/go-slug"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: upload-slug <dir>")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "upload-slug:", err)
		os.Exit(1)
	}
}

func run(dir string) error {
	var archive bytes.Buffer
	if _, err := slug.Pack(dir, &archive, true); err != nil {
		return err
	}
	size := archive.Len()
	unzipped, err := gzip.NewReader(&archive)
	if err != nil {
		return err
	}
	entries := tar.NewReader(unzipped)
	for {
		header, err := entries.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if header.Typeflag == tar.TypeReg {
			fmt.Println(header.Name)
		}
	}
	fmt.Printf("size %d\n", size)
	return nil
}
