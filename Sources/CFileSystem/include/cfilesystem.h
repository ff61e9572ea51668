#ifndef DELTANN_CFILESYSTEM_H
#define DELTANN_CFILESYSTEM_H

/// Atomically exchanges the names `a` and `b` (both must exist; either may be a folder): Linux's
/// renameat2(RENAME_EXCHANGE), macOS's renamex_np(RENAME_SWAP). Returns 0, or -1 with errno set
/// (ENOSYS or EINVAL where the system or file system cannot exchange).
int deltann_rename_exchange(const char *a, const char *b);

/// Allocates the blocks of bytes offset..<offset+length of the open file `fd` without changing
/// its size (Linux's fallocate(FALLOC_FL_KEEP_SIZE)), so later writes there skip the file
/// system's per-page delayed allocation. Returns 0, or -1 with errno set (ENOSYS or EOPNOTSUPP
/// where the system or file system cannot). Truncating the file to its size frees what is left.
int deltann_reserve_blocks(int fd, long long offset, long long length);

#endif
