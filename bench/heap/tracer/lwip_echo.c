/*
 * lwip_echo: a TCP echo over Debian's lwIP (liblwip-dev, 2.1.3) with the
 * stack's own loopback, so that the LD_PRELOAD tracer records a real
 * embedded TCP/IP stack's packet-buffer pattern. Debian builds lwIP with
 * MEM_LIBC_MALLOC and MEMP_MEM_MALLOC, so every pbuf, segment and PCB the
 * stack takes comes from malloc. No host socket is opened: the netif's
 * output never leaves the process (packets to its own address loop back
 * inside lwIP).
 *
 * One client and one server netconn on 10.0.0.1:7; the client sends
 * ECHO_MESSAGES messages of 1..1460 bytes (fixed-seed LCG) and reads each
 * echo back in full. Exit status 0 when every byte came back unchanged.
 * Built and run by record_traces.sh (host only, not part of bazel build).
 */
#include <stdio.h>
#include <string.h>

#include "lwip/api.h"
#include "lwip/netif.h"
#include "lwip/sys.h"
#include "lwip/tcpip.h"

#define ECHO_PORT 7
#define ECHO_MESSAGES 4000
#define ECHO_MAX 1460

static struct netif echo_netif;
static sys_sem_t ready;

static err_t wire_output(struct netif *nif, struct pbuf *p, const ip4_addr_t *dst)
{
    (void)nif;
    (void)p;
    (void)dst;
    return ERR_OK; /* nothing leaves the process; own-address packets loop back */
}

static err_t wire_init(struct netif *nif)
{
    nif->name[0] = 'e';
    nif->name[1] = 'c';
    nif->mtu = 1500;
    nif->output = wire_output;
    nif->flags = NETIF_FLAG_UP | NETIF_FLAG_LINK_UP;
    return ERR_OK;
}

static void stack_up(void *arg)
{
    ip4_addr_t ip, mask, gw;
    (void)arg;
    IP4_ADDR(&ip, 10, 0, 0, 1);
    IP4_ADDR(&mask, 255, 255, 255, 0);
    IP4_ADDR(&gw, 0, 0, 0, 0);
    netif_add(&echo_netif, &ip, &mask, &gw, NULL, wire_init, tcpip_input);
    netif_set_default(&echo_netif);
    netif_set_up(&echo_netif);
    netif_set_link_up(&echo_netif);
    sys_sem_signal(&ready);
}

static void server(void *arg)
{
    struct netconn *listener = netconn_new(NETCONN_TCP);
    struct netconn *conn = NULL;
    struct netbuf *buf;
    (void)arg;
    netconn_bind(listener, IP4_ADDR_ANY, ECHO_PORT);
    netconn_listen(listener);
    sys_sem_signal(&ready);
    if (netconn_accept(listener, &conn) != ERR_OK)
        return;
    while (netconn_recv(conn, &buf) == ERR_OK) {
        do {
            void *data;
            u16_t len;
            netbuf_data(buf, &data, &len);
            netconn_write(conn, data, len, NETCONN_COPY);
        } while (netbuf_next(buf) >= 0);
        netbuf_delete(buf);
    }
    netconn_close(conn);
    netconn_delete(conn);
    netconn_delete(listener);
}

int main(void)
{
    static unsigned char out[ECHO_MAX], in[ECHO_MAX];
    unsigned long seed = 1;
    struct netconn *client;
    ip_addr_t server_ip;
    int bad = 0;

    sys_sem_new(&ready, 0);
    tcpip_init(stack_up, NULL);
    sys_sem_wait(&ready);
    sys_thread_new("echo", server, NULL, 0, 0);
    sys_sem_wait(&ready);

    client = netconn_new(NETCONN_TCP);
    IP_ADDR4(&server_ip, 10, 0, 0, 1);
    if (netconn_connect(client, &server_ip, ECHO_PORT) != ERR_OK) {
        fprintf(stderr, "lwip_echo: connect failed\n");
        return 1;
    }
    for (int m = 0; m < ECHO_MESSAGES && !bad; m++) {
        size_t len, got = 0;
        seed = seed * 1103515245u + 12345u;
        len = 1 + (seed >> 8) % ECHO_MAX;
        for (size_t i = 0; i < len; i++)
            out[i] = (unsigned char)(m + i);
        if (netconn_write(client, out, len, NETCONN_COPY) != ERR_OK)
            bad = 1;
        while (!bad && got < len) {
            struct netbuf *buf;
            if (netconn_recv(client, &buf) != ERR_OK) {
                bad = 1;
                break;
            }
            got += netbuf_copy(buf, in + got, (u16_t)(len - got));
            netbuf_delete(buf);
        }
        if (!bad && memcmp(in, out, len) != 0)
            bad = 1;
    }
    netconn_close(client);
    netconn_delete(client);
    printf("lwip_echo: %s\n", bad ? "FAILED" : "ok");
    return bad;
}
