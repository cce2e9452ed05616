/*
 * bench/ipvs-sockopt-stub.c: an LD_PRELOAD stub that answers IPVS's setsockopt/getsockopt interface (the one
 * libipvs falls back to when the generic netlink family "IPVS" is missing) without a kernel module, so that
 * keepalived's checker process starts on a host whose kernel has no IPVS (checker-scale-bench.sh runs
 * keepalived 2.2.7 next to jkeepalived --dry-run that way). Every IP_VS_SO_SET_* succeeds and does nothing;
 * IP_VS_SO_GET_INFO reports version 1.2.1 and no services; other IP_VS_SO_GET_* return zeroed structures.
 * Any other option goes to libc. Written for this project (not taken from keepalived or ipvsadm).
 *   gcc -shared -fPIC -O2 -o ipvs-sockopt-stub.so ipvs-sockopt-stub.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>

#define IPVS_BASE 1152 /* IP_VS_BASE_CTL of linux/ip_vs.h: 64 + 1024 + 64 */
#define IPVS_SET_MAX (IPVS_BASE + 15)
#define IPVS_GET_INFO (IPVS_BASE + 1)
#define IPVS_GET_MAX (IPVS_BASE + 7)

static int is_ipvs(int level, int name, int max)
{
	return level == IPPROTO_IP && name >= IPVS_BASE && name <= max;
}

int setsockopt(int fd, int level, int name, const void *value, socklen_t length)
{
	static int (*real)(int, int, int, const void *, socklen_t);
	if (is_ipvs(level, name, IPVS_SET_MAX))
		return 0;
	if (!real)
		real = (int (*)(int, int, int, const void *, socklen_t))dlsym(RTLD_NEXT, "setsockopt");
	return real(fd, level, name, value, length);
}

int getsockopt(int fd, int level, int name, void *value, socklen_t *length)
{
	static int (*real)(int, int, int, void *, socklen_t *);
	if (is_ipvs(level, name, IPVS_GET_MAX)) {
		if (value && length)
			memset(value, 0, *length);
		if (name == IPVS_GET_INFO && value && length && *length >= 12) {
			unsigned int *info = value; /* struct ip_vs_getinfo: version, size, num_services */
			info[0] = 0x010201;
			info[1] = 4096;
			info[2] = 0;
		}
		return 0;
	}
	if (!real)
		real = (int (*)(int, int, int, void *, socklen_t *))dlsym(RTLD_NEXT, "getsockopt");
	return real(fd, level, name, value, length);
}
