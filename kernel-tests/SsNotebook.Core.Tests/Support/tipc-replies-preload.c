/*
 * An LD_PRELOAD shim that lets an unmodified ss list TIPC sockets on a kernel without TIPC, so that ssn's decoding
 * of hand-built replies can be compared with ss's own: the first SOCK_DIAG_BY_FAMILY request for AF_TIPC sent on a
 * socket is swallowed, and that socket's reads return the datagrams of the file named by TIPC_REPLIES instead of
 * the kernel's answer. The file holds datagrams as [u32 length, little-endian][bytes]; every message in them gets
 * the reading socket's port id (ss checks it). Everything else passes through to libc.
 * Build: cc -shared -fPIC -o tipc-replies.so tipc-replies-preload.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <linux/netlink.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>

#define SOCK_DIAG_BY_FAMILY_TYPE 20
#define AF_TIPC_FAMILY 30

static int fake_fd = -1;
static unsigned char *replies;
static size_t replies_length;
static size_t replies_offset;

static void load_replies(void)
{
	const char *path = getenv("TIPC_REPLIES");
	FILE *file;
	long size;

	free(replies);
	replies = NULL;
	replies_length = replies_offset = 0;
	if (!path || !(file = fopen(path, "rb")))
		return;
	if (fseek(file, 0, SEEK_END) == 0 && (size = ftell(file)) > 0 && fseek(file, 0, SEEK_SET) == 0) {
		replies = malloc((size_t)size);
		if (replies && fread(replies, 1, (size_t)size, file) == (size_t)size)
			replies_length = (size_t)size;
	}
	fclose(file);
}

static int is_tipc_request(const void *buffer, size_t length)
{
	const struct nlmsghdr *header = buffer;

	return length >= NLMSG_LENGTH(8) && header->nlmsg_type == SOCK_DIAG_BY_FAMILY_TYPE &&
	       ((const unsigned char *)NLMSG_DATA(header))[0] == AF_TIPC_FAMILY;
}

ssize_t send(int fd, const void *buffer, size_t length, int flags)
{
	static ssize_t (*real)(int, const void *, size_t, int);

	if (is_tipc_request(buffer, length)) {
		fake_fd = fd;
		load_replies();
		return (ssize_t)length;
	}
	if (!real)
		real = (ssize_t (*)(int, const void *, size_t, int))dlsym(RTLD_NEXT, "send");
	return real(fd, buffer, length, flags);
}

ssize_t recvmsg(int fd, struct msghdr *message, int flags)
{
	static ssize_t (*real)(int, struct msghdr *, int);
	struct sockaddr_nl local = { 0 };
	socklen_t local_length = sizeof(local);
	uint32_t datagram_length;
	unsigned char *datagram;
	size_t copied = 0, i, at;

	if (fd != fake_fd || replies_offset + 4 > replies_length) {
		if (!real)
			real = (ssize_t (*)(int, struct msghdr *, int))dlsym(RTLD_NEXT, "recvmsg");
		return real(fd, message, flags);
	}
	memcpy(&datagram_length, replies + replies_offset, 4);
	if (datagram_length > replies_length - replies_offset - 4)
		datagram_length = (uint32_t)(replies_length - replies_offset - 4);
	datagram = replies + replies_offset + 4;
	getsockname(fd, (struct sockaddr *)&local, &local_length);
	for (at = 0; at + sizeof(struct nlmsghdr) <= datagram_length;) {
		struct nlmsghdr *header = (struct nlmsghdr *)(datagram + at);

		header->nlmsg_pid = local.nl_pid;
		if (header->nlmsg_len < sizeof(struct nlmsghdr))
			break;
		at += NLMSG_ALIGN(header->nlmsg_len);
	}
	for (i = 0; i < message->msg_iovlen && copied < datagram_length; i++) {
		size_t part = message->msg_iov[i].iov_len;

		if (part > datagram_length - copied)
			part = datagram_length - copied;
		if (part)
			memcpy(message->msg_iov[i].iov_base, datagram + copied, part);
		copied += part;
	}
	if (message->msg_name && message->msg_namelen >= sizeof(struct sockaddr_nl)) {
		struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };

		memcpy(message->msg_name, &kernel, sizeof(kernel));
		message->msg_namelen = sizeof(kernel);
	}
	message->msg_flags = copied < datagram_length ? MSG_TRUNC : 0;
	if (!(flags & MSG_PEEK))
		replies_offset += 4 + datagram_length;
	return (flags & MSG_TRUNC) ? (ssize_t)datagram_length : (ssize_t)copied;
}
