/* SPDX-License-Identifier: GPL-2.0-or-later */
/* AFL++ driver for the libFuzzer harnesses: one input from standard input
 * per run (tests/fuzz/run --afl-build links it in). */
#ifdef __AFL_COMPILER
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

int main(int argc, char **argv)
{
	/* Larger than any token: the harnesses see what mig-check would. */
	static uint8_t buf[1 << 16];
	size_t n = 0;
	ssize_t r;

	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	while (n < sizeof(buf) && (r = read(0, buf + n, sizeof(buf) - n)) > 0)
		n += (size_t)r;
	return LLVMFuzzerTestOneInput(buf, n);
}
#endif
