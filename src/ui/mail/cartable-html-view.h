/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mail/cartable-message.h"

G_BEGIN_DECLS

/**
 * CartableCidResolver:
 * @content_id: the part's Content-ID, without angle brackets
 * @mime_type: (out) (transfer full): the part's MIME type
 * @user_data: closure data
 *
 * Returns: (transfer full) (nullable): the part's decoded content, or %NULL
 *   if the message has no such part
 */
typedef GBytes *(*CartableCidResolver) (const char  *content_id,
                                        char       **mime_type,
                                        gpointer     user_data);

#define CARTABLE_TYPE_HTML_VIEW (cartable_html_view_get_type ())

G_DECLARE_FINAL_TYPE (CartableHtmlView, cartable_html_view, CARTABLE, HTML_VIEW, AdwBin)

CartableHtmlView *cartable_html_view_new                    (void);
void              cartable_html_view_load_html              (CartableHtmlView    *self,
                                                             const char          *html);
void              cartable_html_view_load_text              (CartableHtmlView    *self,
                                                             const char          *text);
void              cartable_html_view_load_message           (CartableHtmlView    *self,
                                                             CartableMessage     *message,
                                                             gboolean             allow_remote);
void              cartable_html_view_allow_remote_content   (CartableHtmlView    *self);
void              cartable_html_view_set_text_scale         (CartableHtmlView    *self,
                                                             double               scale);
gboolean          cartable_html_view_get_has_remote_content (CartableHtmlView    *self);
gboolean          cartable_html_view_get_remote_allowed     (CartableHtmlView    *self);
gboolean          cartable_html_view_get_loading            (CartableHtmlView    *self);
void              cartable_html_view_set_cid_resolver       (CartableHtmlView    *self,
                                                             CartableCidResolver  resolver,
                                                             gpointer             user_data,
                                                             GDestroyNotify       destroy);
GtkWidget        *cartable_html_view_get_web_view           (CartableHtmlView    *self);
void              cartable_html_view_set_highlight          (CartableHtmlView    *self,
                                                             const char          *text);
const char       *cartable_html_view_get_highlight          (CartableHtmlView    *self);
guint             cartable_html_view_get_highlight_count    (CartableHtmlView    *self);

G_END_DECLS
