/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "shell/cartable-application.h"
#include "mail/cartable-composer-window.h"

G_BEGIN_DECLS

/*
 * Steps the background tests and the new user's path share: a message
 * scheduled through the composer's « Envoyer plus tard » dialog, and the
 * main window closed while Cartable keeps running.
 */

/* The To, Subject and body fields of @composer, filled in. */
void     background_fill_composer       (CartableComposerWindow *composer,
                                         const char             *to,
                                         const char             *subject,
                                         const char             *body);
/* « Envoyer plus tard » in @composer, at the start of a minute 30 to 90 s
 * from now; checks what the dialog says, saves @screenshot of it, and
 * returns the time chosen once the composer is gone. */
gint64   background_schedule_soon       (CartableComposerWindow *composer,
                                         const char             *screenshot);
/* Clicks the response button of @dialog labelled @label (with its
 * mnemonic), as a user does: the dialog answers and closes. */
void     background_click               (GtkWindow              *dialog,
                                         const char             *label);
/* How many messages wait in the outboxes of @app's accounts. */
guint    background_count_waiting       (CartableApplication    *app);
/* Closes @window (the main window) as a user does; when the question
 * about running in the background comes (@expect_question), saves
 * @screenshot of it and answers « Continuer en arrière-plan ». Returns
 * once the window is gone and @app runs in the background. */
void     background_close_main_window   (CartableApplication    *app,
                                         GtkWindow              *window,
                                         gboolean                expect_question,
                                         const char             *screenshot);

G_END_DECLS
