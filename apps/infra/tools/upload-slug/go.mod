module github.com/credential-rotation/upload-slug

go 1.26

require github.com/hashicorp/go-slug v1.0.0

require golang.org/x/sys v0.36.0 // indirect
