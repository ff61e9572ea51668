#include <hdf5.h>
#include <hdf5_hl.h>

// HDF5 spells these as macros over global ids, which Swift cannot import.
static inline hid_t deltann_H5P_DEFAULT(void) { return H5P_DEFAULT; }
static inline hid_t deltann_H5S_ALL(void) { return H5S_ALL; }
static inline hid_t deltann_H5T_NATIVE_FLOAT(void) { return H5T_NATIVE_FLOAT; }
static inline hid_t deltann_H5T_NATIVE_DOUBLE(void) { return H5T_NATIVE_DOUBLE; }
static inline hid_t deltann_H5T_NATIVE_INT64(void) { return H5T_NATIVE_INT64; }
static inline hid_t deltann_H5T_C_S1(void) { return H5T_C_S1; }
static inline hid_t deltann_H5T_IEEE_F32LE(void) { return H5T_IEEE_F32LE; }
static inline unsigned deltann_H5F_ACC_RDONLY(void) { return H5F_ACC_RDONLY; }
static inline hid_t deltann_H5E_DEFAULT(void) { return H5E_DEFAULT; }
static inline size_t deltann_H5T_VARIABLE(void) { return H5T_VARIABLE; }
static inline haddr_t deltann_HADDR_UNDEF(void) { return HADDR_UNDEF; }
