/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <camel/camel.h>

#include "cartable-mail-folder.h"

G_BEGIN_DECLS

/* For the engine's files: the folder object over a Camel folder. */
CartableMailFolder *_cartable_mail_folder_new              (CamelFolder        *folder);
CamelFolder        *_cartable_mail_folder_get_camel_folder (CartableMailFolder *self);

G_END_DECLS
