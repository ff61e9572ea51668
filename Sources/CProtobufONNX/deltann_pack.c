#include "deltann_pack.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { CAPACITY = 1 << 20 };

typedef struct {
  ProtobufCBuffer base;
  int fd;
  int error;
  size_t used;
  uint8_t *data;
} FileBuffer;

static void write_all(FileBuffer *b, const uint8_t *bytes, size_t length) {
  while (length > 0 && b->error == 0) {
    ssize_t n = write(b->fd, bytes, length);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      b->error = n < 0 ? errno : EIO;
      return;
    }
    bytes += n;
    length -= (size_t)n;
  }
}

static void flush(FileBuffer *b) {
  write_all(b, b->data, b->used);
  b->used = 0;
}

static void append(ProtobufCBuffer *buffer, size_t length, const uint8_t *bytes) {
  FileBuffer *b = (FileBuffer *)buffer;
  if (b->used + length > CAPACITY) flush(b);
  if (length >= CAPACITY) {
    write_all(b, bytes, length);
  } else {
    memcpy(b->data + b->used, bytes, length);
    b->used += length;
  }
}

int deltann_pack_model_to_fd(const Onnx__ModelProto *model, int fd) {
  FileBuffer b = {{append}, fd, 0, 0, malloc(CAPACITY)};
  if (!b.data) return ENOMEM;
  protobuf_c_message_pack_to_buffer((const ProtobufCMessage *)model, &b.base);
  flush(&b);
  free(b.data);
  return b.error;
}
