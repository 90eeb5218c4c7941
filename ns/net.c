#include "ns/net.h"

#include <errno.h>
#include <net/if.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include "base/cleanup.h"

int net_loopback_up(struct lx_error *e)
{
	_cleanup_close_ int sock = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (sock < 0)
		return lx_error_errno(e, errno, "network loopback: socket");
	struct ifreq ifr = { 0 };
	strcpy(ifr.ifr_name, "lo");
	if (ioctl(sock, SIOCGIFFLAGS, &ifr) < 0)
		return lx_error_errno(e, errno, "network loopback: read the flags of lo");
	ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
	if (ioctl(sock, SIOCSIFFLAGS, &ifr) < 0)
		return lx_error_errno(e, errno, "network loopback: bring lo up");
	return 0;
}
