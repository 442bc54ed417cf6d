#ifndef STRIPE_OLTP_CLIBPQ_SHIM_H
#define STRIPE_OLTP_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
