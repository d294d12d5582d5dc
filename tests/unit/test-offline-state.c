/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "cartable-engine.h"
#include "shell/cartable-offline-state.h"
#include "cartable-test.h"

CARTABLE_TEST_PROGRAM ("offline-state");

#define CONNECTING  CARTABLE_ACCOUNT_LINK_CONNECTING
#define ONLINE      CARTABLE_ACCOUNT_LINK_ONLINE
#define UNREACHABLE CARTABLE_ACCOUNT_LINK_UNREACHABLE
#define REFUSED     CARTABLE_ACCOUNT_LINK_REFUSED

#define NONE        CARTABLE_OFFLINE_STATE_NONE
#define NO_NETWORK  CARTABLE_OFFLINE_STATE_NO_NETWORK
#define SERVERS     CARTABLE_OFFLINE_STATE_UNREACHABLE

static CartableOfflineState
compute (gboolean             network,
         CartableOfflineState previous,
         guint                n,
         ...)
{
  CartableAccountLink links[8];
  va_list args;

  g_assert_cmpuint (n, <=, G_N_ELEMENTS (links));
  va_start (args, n);
  for (guint i = 0; i < n; i++)
    links[i] = va_arg (args, CartableAccountLink);
  va_end (args);

  return cartable_offline_state_compute (network, links, n, previous);
}

CARTABLE_TEST ("classify", test_classify)
{
  g_autoptr(GError) refused = g_error_new_literal (CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_AUTH, "refused");
  g_autoptr(GError) no_password = g_error_new_literal (CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_NO_PASSWORD, "none");
  g_autoptr(GError) certificate = g_error_new_literal (CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_CERTIFICATE, "cert");
  g_autoptr(GError) invalid = g_error_new_literal (CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_INVALID, "profile");
  g_autoptr(GError) offline = g_error_new_literal (CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_OFFLINE, "offline");
  g_autoptr(GError) socket_refused = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED, "refused");
  g_autoptr(GError) resolver = g_error_new_literal (G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, "no name");

  g_assert_cmpint (cartable_offline_classify_account (TRUE, NULL), ==, ONLINE);
  /* An old error does not matter once the account is online. */
  g_assert_cmpint (cartable_offline_classify_account (TRUE, socket_refused), ==, ONLINE);
  g_assert_cmpint (cartable_offline_classify_account (FALSE, NULL), ==, CONNECTING);

  /* Reached, but refused: these have their own messages. */
  g_assert_cmpint (cartable_offline_classify_account (FALSE, refused), ==, REFUSED);
  g_assert_cmpint (cartable_offline_classify_account (FALSE, no_password), ==, REFUSED);
  g_assert_cmpint (cartable_offline_classify_account (FALSE, certificate), ==, REFUSED);
  g_assert_cmpint (cartable_offline_classify_account (FALSE, invalid), ==, REFUSED);

  g_assert_cmpint (cartable_offline_classify_account (FALSE, offline), ==, UNREACHABLE);
  g_assert_cmpint (cartable_offline_classify_account (FALSE, socket_refused), ==, UNREACHABLE);
  g_assert_cmpint (cartable_offline_classify_account (FALSE, resolver), ==, UNREACHABLE);
}

CARTABLE_TEST ("compute", test_compute)
{
  /* No account: the welcome page, nothing to say. */
  g_assert_cmpint (compute (FALSE, NONE, 0), ==, NONE);

  /* One server that answers is enough, whatever the network monitor says. */
  g_assert_cmpint (compute (TRUE, NONE, 2, ONLINE, UNREACHABLE), ==, NONE);
  g_assert_cmpint (compute (FALSE, SERVERS, 1, ONLINE), ==, NONE);

  /* No network. */
  g_assert_cmpint (compute (FALSE, NONE, 1, UNREACHABLE), ==, NO_NETWORK);
  g_assert_cmpint (compute (FALSE, NONE, 2, CONNECTING, REFUSED), ==, NO_NETWORK);

  /* A network, but no server answers. */
  g_assert_cmpint (compute (TRUE, NONE, 1, UNREACHABLE), ==, SERVERS);
  g_assert_cmpint (compute (TRUE, NONE, 2, REFUSED, UNREACHABLE), ==, SERVERS);
  g_assert_cmpint (compute (TRUE, NONE, 2, CONNECTING, UNREACHABLE), ==, SERVERS);

  /* Starting up: not offline before a server has had a chance to answer. */
  g_assert_cmpint (compute (TRUE, NONE, 1, CONNECTING), ==, NONE);
  /* Trying again after being offline: still offline until one answers. */
  g_assert_cmpint (compute (TRUE, SERVERS, 1, CONNECTING), ==, SERVERS);
  g_assert_cmpint (compute (TRUE, SERVERS, 1, ONLINE), ==, NONE);

  /* A refused password is not a lost connection. */
  g_assert_cmpint (compute (TRUE, NONE, 1, REFUSED), ==, NONE);
  g_assert_cmpint (compute (TRUE, SERVERS, 1, REFUSED), ==, NONE);
}

CARTABLE_TEST ("describe", test_describe)
{
  g_autofree char *none = cartable_offline_state_describe (NONE);
  g_autofree char *no_network = cartable_offline_state_describe (NO_NETWORK);
  g_autofree char *servers = cartable_offline_state_describe (SERVERS);
  g_autofree char *zero = cartable_offline_state_describe_waiting (0);
  g_autofree char *one = cartable_offline_state_describe_waiting (1);
  g_autofree char *three = cartable_offline_state_describe_waiting (3);

  g_assert_null (none);
  g_assert_cmpstr (no_network, ==, "Hors connexion — vous pouvez lire le courrier déjà reçu ; les messages écrits "
                                   "partiront au retour du réseau.");
  g_assert_true (g_str_has_prefix (servers, "Hors connexion : le serveur de messagerie ne répond pas"));
  g_assert_nonnull (strstr (servers, "courrier déjà reçu"));

  g_assert_null (zero);
  g_assert_cmpstr (one, ==, "1 message attend dans la boîte d’envoi.");
  g_assert_cmpstr (three, ==, "3 messages attendent dans la boîte d’envoi.");
}
