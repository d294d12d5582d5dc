/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cartable-engine.h"

G_BEGIN_DECLS

/* The longest folder name offered, in characters: the server keeps each
 * level of a name in a file name of at most 255 bytes, and accents take
 * more than one byte in its encoding. */
#define CARTABLE_FOLDER_NAME_MAX_CHARS 80

typedef enum
{
  CARTABLE_FOLDER_NAME_VALID,
  CARTABLE_FOLDER_NAME_EMPTY,
  CARTABLE_FOLDER_NAME_UNCHANGED,   /* a rename to the same name */
  CARTABLE_FOLDER_NAME_SEPARATOR,   /* contains the hierarchy separator « / » */
  CARTABLE_FOLDER_NAME_DOT,         /* starts with « . » (the server's own) */
  CARTABLE_FOLDER_NAME_CONTROL,     /* a tab, a line break… */
  CARTABLE_FOLDER_NAME_TOO_LONG,
  CARTABLE_FOLDER_NAME_EXISTS,      /* a sibling has it (case and accents aside) */
} CartableFolderNameCheck;

typedef enum
{
  CARTABLE_FOLDER_OP_CREATE,
  CARTABLE_FOLDER_OP_RENAME,
  CARTABLE_FOLDER_OP_DELETE,
  CARTABLE_FOLDER_OP_EMPTY,
} CartableFolderOp;

/* Plain functions, no display needed. */
CartableFolderNameCheck  cartable_folder_name_check        (const char          *name,
                                                            const char * const  *siblings,
                                                            const char          *current);
char                    *cartable_folder_name_problem      (const char          *name,
                                                            const char * const  *siblings,
                                                            const char          *current);
char                   **cartable_folder_dup_sibling_names (CartableFolderTree  *tree,
                                                            const char          *parent_full_name,
                                                            const char          *except_full_name);
char                    *cartable_folder_dup_parent_name   (const char          *full_name);
const char              *cartable_folder_leaf_name         (const char          *full_name);
gboolean                 cartable_folder_role_is_special   (CartableFolderRole   role);
gboolean                *cartable_folder_dup_listed        (GListModel          *tree,
                                                            gboolean             show_all);
char                    *cartable_folder_delete_body       (const char          *display_name,
                                                            int                  total,
                                                            gboolean             has_children);
char                    *cartable_folder_empty_body        (CartableFolderRole   role,
                                                            int                  total);
char                    *cartable_folder_error_heading     (CartableFolderOp     op,
                                                            const char          *display_name);
char                    *cartable_folder_error_sentence    (CartableFolderOp     op,
                                                            const char          *display_name,
                                                            const GError        *error);

G_END_DECLS
