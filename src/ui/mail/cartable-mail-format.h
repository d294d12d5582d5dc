/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *cartable_mail_format_date          (GDateTime  *date,
                                              GDateTime  *now);
char     *cartable_mail_format_full_date     (GDateTime  *date);
/* More quoted lines than this are folded. */
#define CARTABLE_MAIL_QUOTE_SHOWN_LINES 4

char     *cartable_mail_format_text_as_html  (const char *text);
char     *cartable_mail_format_fold_html_quotes (const char *html);
char     *cartable_mail_format_html_to_text  (const char *html);
char     *cartable_mail_format_snippet       (const char *text,
                                              guint       max_chars);
gboolean  cartable_mail_html_has_remote_content (const char *html);
char     *cartable_mail_wrap_html            (const char *html,
                                              gboolean    allow_remote,
                                              gboolean    plain_text);

G_END_DECLS
