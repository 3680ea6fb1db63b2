// Starting the write-out of a file's dirty pages early; see file_sync.c and
// Sources/ArrowIPC/OutputFile.swift.
#ifndef CFILESYNC_H
#define CFILESYNC_H

#include <stdint.h>

/// Starts writing `length` bytes of `fd` from `offset` to the disk without waiting for them
/// (Linux `sync_file_range(SYNC_FILE_RANGE_WRITE)`), so that a later `fsync` has little left to
/// wait for. Returns 0, or -1 with `errno` set; does nothing and returns 0 where the call does
/// not exist.
int ydelse_start_writeback(int fd, int64_t offset, int64_t length);

#endif
