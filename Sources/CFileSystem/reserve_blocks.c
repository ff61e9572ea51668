#define _GNU_SOURCE
#include "cfilesystem.h"

#include <errno.h>
#include <fcntl.h>

int deltann_reserve_blocks(int fd, long long offset, long long length) {
#if defined(__linux__)
  return fallocate(fd, FALLOC_FL_KEEP_SIZE, (off_t)offset, (off_t)length);
#else
  (void)fd;
  (void)offset;
  (void)length;
  errno = ENOSYS;
  return -1;
#endif
}
