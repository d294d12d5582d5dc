/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mail/cartable-mail-controller.h"

G_BEGIN_DECLS

#define CARTABLE_TYPE_MAIL_VIEW (cartable_mail_view_get_type ())

/* What the full and the simple mail view share: the controller of their
 * mail pipeline, made with the class's list options, and what it says,
 * turned into class functions. */
G_DECLARE_DERIVABLE_TYPE (CartableMailView, cartable_mail_view, CARTABLE, MAIL_VIEW, AdwBin)

struct _CartableMailViewClass
{
  AdwBinClass parent_class;

  /* The controller's options: several messages selected, threads. */
  gboolean multiple;
  gboolean threaded;

  void (*list_changed)    (CartableMailView *self,
                           gboolean          items);
  void (*list_loaded)     (CartableMailView *self,
                           const GError     *error);
  void (*folder_failed)   (CartableMailView *self,
                           const GError     *error);
  void (*message_failed)  (CartableMailView *self,
                           const GError     *error);
  /* A message was loaded: the controller holds it. */
  void (*message_loaded)  (CartableMailView *self);
  void (*account_changed) (CartableMailView *self,
                           const char       *account_id);
  /* The view was given other sessions (the controller has them). */
  void (*sessions_changed) (CartableMailView *self);
};

CartableMailController *cartable_mail_view_get_controller (CartableMailView *self);
CartableSessions       *cartable_mail_view_get_sessions   (CartableMailView *self);
/* The accounts shown: the application's sessions, given by the window. */
void                    cartable_mail_view_set_sessions   (CartableMailView *self,
                                                           CartableSessions *sessions);

/* For the class_init of a view: the controller's options and the class
 * functions, all of them at once. */
void cartable_mail_view_class_set_pipeline (CartableMailViewClass *klass,
                                            gboolean               multiple,
                                            gboolean               threaded,
                                            void (*list_changed)    (CartableMailView *, gboolean),
                                            void (*list_loaded)     (CartableMailView *, const GError *),
                                            void (*folder_failed)   (CartableMailView *, const GError *),
                                            void (*message_failed)  (CartableMailView *, const GError *),
                                            void (*message_loaded)  (CartableMailView *),
                                            void (*account_changed) (CartableMailView *, const char *),
                                            void (*sessions_changed) (CartableMailView *));
/* The pages, each in a GtkStack, where the view says that the folder or
 * the message cannot be had, and what they say then (marked with N_(),
 * translated when shown); the class functions, if any, run after. */
void                    cartable_mail_view_set_error_pages (CartableMailView *self,
                                                            AdwStatusPage    *folder_page,
                                                            const char       *folder_text,
                                                            AdwStatusPage    *message_page,
                                                            const char       *message_text);

/* A failure said on @page, made the visible page of its GtkStack. */
void                    cartable_mail_view_show_error     (AdwStatusPage    *page,
                                                           const char       *description);

G_END_DECLS
