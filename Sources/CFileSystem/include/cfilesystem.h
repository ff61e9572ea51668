#ifndef DELTANN_CFILESYSTEM_H
#define DELTANN_CFILESYSTEM_H

/// Atomically exchanges the names `a` and `b` (both must exist; either may be a folder): Linux's
/// renameat2(RENAME_EXCHANGE), macOS's renamex_np(RENAME_SWAP). Returns 0, or -1 with errno set
/// (ENOSYS or EINVAL where the system or file system cannot exchange).
int deltann_rename_exchange(const char *a, const char *b);

#endif
