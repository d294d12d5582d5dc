/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-folder-names"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cartable-folder-names.h"

/*
 * What the folder dialogs check and say, as plain functions of names and
 * counts: no display needed (the folder-names unit test).
 */

/* ------------------------------------------------------------ names */

gboolean
cartable_folder_role_is_special (CartableFolderRole role)
{
  return role != CARTABLE_FOLDER_ROLE_NONE;
}

/* The part of @full_name before its last « / », or NULL at the top level. */
char *
cartable_folder_dup_parent_name (const char *full_name)
{
  const char *slash;

  g_return_val_if_fail (full_name != NULL, NULL);

  slash = strrchr (full_name, '/');
  return slash != NULL ? g_strndup (full_name, (gsize) (slash - full_name)) : NULL;
}

/* The last level of @full_name: what the user named the folder. */
const char *
cartable_folder_leaf_name (const char *full_name)
{
  g_return_val_if_fail (full_name != NULL, NULL);

  const char *slash = strrchr (full_name, '/');

  return slash != NULL ? slash + 1 : full_name;
}

static char *
fold_name (const char *name)
{
  g_autofree char *normal = g_utf8_normalize (name, -1, G_NORMALIZE_DEFAULT_COMPOSE);

  return g_utf8_casefold (normal != NULL ? normal : name, -1);
}

/**
 * cartable_folder_dup_sibling_names:
 * @parent_full_name: (nullable): NULL or "" for the top level
 * @except_full_name: (nullable): a folder left out (the one renamed)
 *
 * Returns: (transfer full): the names of the folders directly under
 *   @parent_full_name, both as the server knows them and as the sidebar
 *   shows them (« Corbeille » for « Trash »)
 */
char **
cartable_folder_dup_sibling_names (CartableFolderTree *tree,
                                   const char         *parent_full_name,
                                   const char         *except_full_name)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n;

  g_return_val_if_fail (CARTABLE_IS_FOLDER_TREE (tree), NULL);

  if (parent_full_name != NULL && *parent_full_name == '\0')
    parent_full_name = NULL;

  n = g_list_model_get_n_items (G_LIST_MODEL (tree));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CartableFolderItem) item = g_list_model_get_item (G_LIST_MODEL (tree), i);
      const char *full_name = cartable_folder_item_get_full_name (item);
      g_autofree char *parent = cartable_folder_dup_parent_name (full_name);

      if (g_strcmp0 (parent, parent_full_name) != 0 || g_strcmp0 (full_name, except_full_name) == 0)
        continue;
      g_strv_builder_add (builder, cartable_folder_leaf_name (full_name));
      if (g_strcmp0 (cartable_folder_item_get_display_name (item), cartable_folder_leaf_name (full_name)) != 0)
        g_strv_builder_add (builder, cartable_folder_item_get_display_name (item));
    }

  return g_strv_builder_end (builder);
}

/**
 * cartable_folder_name_check:
 * @name: what the user typed (spaces around it do not count)
 * @siblings: (nullable): the names already taken at that level
 * @current: (nullable): the folder's name before a rename
 *
 * Whether @name can be given to a folder.
 */
CartableFolderNameCheck
cartable_folder_name_check (const char         *name,
                            const char * const *siblings,
                            const char         *current)
{
  g_autofree char *stripped = NULL;
  g_autofree char *folded = NULL;

  g_return_val_if_fail (name != NULL, CARTABLE_FOLDER_NAME_EMPTY);

  stripped = g_strstrip (g_strdup (name));
  if (*stripped == '\0')
    return CARTABLE_FOLDER_NAME_EMPTY;
  if (current != NULL && g_strcmp0 (stripped, current) == 0)
    return CARTABLE_FOLDER_NAME_UNCHANGED;
  if (strchr (stripped, '/') != NULL)
    return CARTABLE_FOLDER_NAME_SEPARATOR;
  if (!g_utf8_validate (stripped, -1, NULL))
    return CARTABLE_FOLDER_NAME_CONTROL;
  for (const char *p = stripped; *p; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return CARTABLE_FOLDER_NAME_CONTROL;
  if (*stripped == '.')
    return CARTABLE_FOLDER_NAME_DOT;
  if (g_utf8_strlen (stripped, -1) > CARTABLE_FOLDER_NAME_MAX_CHARS)
    return CARTABLE_FOLDER_NAME_TOO_LONG;

  folded = fold_name (stripped);
  for (guint i = 0; siblings != NULL && siblings[i] != NULL; i++)
    {
      g_autofree char *other = fold_name (siblings[i]);

      if (g_str_equal (folded, other))
        return CARTABLE_FOLDER_NAME_EXISTS;
    }

  return CARTABLE_FOLDER_NAME_VALID;
}

/**
 * cartable_folder_name_problem:
 *
 * Returns: (transfer full) (nullable): the sentence that says why @name
 *   cannot be used, or NULL when it can (or is unchanged)
 */
char *
cartable_folder_name_problem (const char         *name,
                              const char * const *siblings,
                              const char         *current)
{
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  switch (cartable_folder_name_check (name, siblings, current))
    {
    case CARTABLE_FOLDER_NAME_VALID:
    case CARTABLE_FOLDER_NAME_UNCHANGED:
      return NULL;
    case CARTABLE_FOLDER_NAME_EMPTY:
      return g_strdup (_("Type a name for the folder."));
    case CARTABLE_FOLDER_NAME_SEPARATOR:
      return g_strdup (_("A folder name cannot contain “/”: this character separates a folder from its sub-folders."));
    case CARTABLE_FOLDER_NAME_DOT:
      return g_strdup (_("A folder name cannot start with a dot."));
    case CARTABLE_FOLDER_NAME_CONTROL:
      return g_strdup (_("A folder name cannot contain tabs or line breaks."));
    case CARTABLE_FOLDER_NAME_TOO_LONG:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "This name is too long: at most %d character.",
                                           "This name is too long: at most %d characters.",
                                           CARTABLE_FOLDER_NAME_MAX_CHARS),
                              CARTABLE_FOLDER_NAME_MAX_CHARS);
    case CARTABLE_FOLDER_NAME_EXISTS:
      stripped = g_strstrip (g_strdup (name));
      return g_strdup_printf (_("A folder named “%s” already exists here. Choose another name."), stripped);
    default:
      g_assert_not_reached ();
    }
}

/* ------------------------------------------------------------ sentences */

char *
cartable_folder_delete_body (const char *display_name,
                             int         total,
                             gboolean    has_children)
{
  g_autofree char *what = NULL;

  g_return_val_if_fail (display_name != NULL, NULL);

  if (has_children)
    return g_strdup_printf (_("“%s” holds sub-folders. Delete or move them first, then delete this folder."),
                            display_name);

  if (total > 0)
    what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The folder “%s” will be deleted for good with what it holds: %d message.",
                                         "The folder “%s” will be deleted for good with what it holds: %d messages.",
                                         total),
                            display_name, total);
  else if (total == 0)
    what = g_strdup_printf (_("The folder “%s” is empty. It will be deleted from the server."), display_name);
  else
    what = g_strdup_printf (_("The folder “%s” will be deleted for good with all its messages."), display_name);

  return g_strdup_printf ("%s %s", what, _("This cannot be undone."));
}

char *
cartable_folder_empty_body (CartableFolderRole role,
                            int                total)
{
  g_autofree char *what = NULL;

  g_return_val_if_fail (role == CARTABLE_FOLDER_ROLE_TRASH || role == CARTABLE_FOLDER_ROLE_JUNK, NULL);

  if (total == 0)
    return g_strdup (role == CARTABLE_FOLDER_ROLE_TRASH ? _("The Trash is already empty.")
                                                       : _("The Junk folder is already empty."));

  if (total > 0 && role == CARTABLE_FOLDER_ROLE_TRASH)
    what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The Trash holds %d message: it will be deleted for good.",
                                         "The Trash holds %d messages: they will be deleted for good.", total),
                            total);
  else if (total > 0)
    what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The Junk folder holds %d message: it will be deleted for good.",
                                         "The Junk folder holds %d messages: they will be deleted for good.", total),
                            total);
  else
    what = g_strdup (role == CARTABLE_FOLDER_ROLE_TRASH ? _("Every message in the Trash will be deleted for good.")
                                                       : _("Every message in the Junk folder will be deleted for good."));

  return g_strdup_printf ("%s %s", what, _("This cannot be undone."));
}

/* What failed, as a dialog's heading. */
char *
cartable_folder_error_heading (CartableFolderOp  op,
                               const char       *display_name)
{
  g_return_val_if_fail (display_name != NULL, NULL);

  switch (op)
    {
    case CARTABLE_FOLDER_OP_CREATE:
      return g_strdup_printf (_("The folder “%s” could not be created"), display_name);
    case CARTABLE_FOLDER_OP_RENAME:
      return g_strdup_printf (_("The folder “%s” could not be renamed"), display_name);
    case CARTABLE_FOLDER_OP_DELETE:
      return g_strdup_printf (_("The folder “%s” could not be deleted"), display_name);
    case CARTABLE_FOLDER_OP_EMPTY:
      return g_strdup_printf (_("“%s” could not be emptied"), display_name);
    default:
      g_assert_not_reached ();
    }
}

static gboolean
server_says (const GError *error,
             const char   *code)
{
  return error->message != NULL && strstr (error->message, code) != NULL;
}

/**
 * cartable_folder_error_sentence:
 *
 * Returns: (transfer full): why a folder operation failed and what to
 *   do, below cartable_folder_error_heading(). The server's answer is
 *   read for the response codes of RFC 5530 (ALREADYEXISTS, NONEXISTENT…)
 *   or, as imapx drops those, for the English text Dovecot and Cyrus send
 *   with them whatever the user's language.
 */
char *
cartable_folder_error_sentence (CartableFolderOp  op,
                                const char       *display_name,
                                const GError     *error)
{
  const char *advice;
  g_autofree char *quoted = NULL;

  g_return_val_if_fail (error != NULL, NULL);

  if (g_error_matches (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_OFFLINE) ||
      error->domain == G_IO_ERROR || error->domain == G_RESOLVER_ERROR)
    advice = _("The mail server cannot be reached. Check your connection, then try again.");
  else if (g_error_matches (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_AUTH) ||
           g_error_matches (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_NO_PASSWORD))
    advice = _("The server refused your identifier or password. Check them, then try again.");
  else if (g_error_matches (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_EXISTS) ||
           server_says (error, "ALREADYEXISTS") || server_says (error, "already exists"))
    advice = _("A folder with this name already exists on the server, perhaps made from another computer. "
               "Choose another name.");
  else if (g_error_matches (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_NOT_FOUND) ||
           server_says (error, "NONEXISTENT") || server_says (error, "doesn't exist") ||
           server_says (error, "does not exist"))
    advice = _("The folder no longer exists on the server, perhaps changed from another computer. "
               "The list of folders has been brought up to date.");
  else if (g_error_matches (error, CARTABLE_MAIL_ERROR, CARTABLE_MAIL_ERROR_INVALID) ||
           server_says (error, "CANNOT"))
    advice = _("The server does not accept this name. Choose another one, with letters, digits and spaces.");
  else if (server_says (error, "OVERQUOTA") || server_says (error, "LIMIT") || server_says (error, "uota"))
    advice = _("Your mailbox has reached a limit of the server. Delete some messages or folders, then try again.");
  else if (server_says (error, "INUSE"))
    advice = _("The folder is in use on another computer. Try again in a moment.");
  else
    {
      /* Translators: %s is the server's own answer, kept as it came. */
      quoted = g_strdup_printf (_("The server answered: “%s”. Try again later; if it happens again, contact your "
                                  "academy’s assistance."), error->message);
      advice = quoted;
    }

  return g_strdup (advice);
}

/**
 * cartable_folder_dup_listed:
 * @tree: a #CartableFolderTree (its items in display order)
 * @show_all: whether every folder is listed
 *
 * Which folders the sidebar lists: with @show_all every one; otherwise the
 * special folders, the subscribed ones and the folders that hold one of
 * those (so that the tree keeps its shape).
 *
 * Returns: (transfer full): one boolean per item of @tree
 */
gboolean *
cartable_folder_dup_listed (GListModel *tree,
                            gboolean    show_all)
{
  guint n;
  gboolean *listed;
  g_autofree guint *depths = NULL;

  g_return_val_if_fail (G_IS_LIST_MODEL (tree), NULL);

  n = g_list_model_get_n_items (tree);
  listed = g_new0 (gboolean, n + 1);
  depths = g_new0 (guint, n + 1);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CartableFolderItem) item = g_list_model_get_item (tree, i);

      depths[i] = cartable_folder_item_get_depth (item);
      /* A folder that cannot be opened (deleted on the server but still
       * subscribed, or a mere parent) is listed only for a folder below it. */
      listed[i] = cartable_folder_item_get_selectable (item) &&
                  (show_all || cartable_folder_item_get_subscribed (item) ||
                   cartable_folder_item_get_role (item) != CARTABLE_FOLDER_ROLE_NONE);
    }

  /* From the end: a folder listed lists the folders above it. */
  for (guint i = n; i-- > 0;)
    for (guint j = i + 1; !listed[i] && j < n && depths[j] > depths[i]; j++)
      listed[i] = listed[j];

  return listed;
}
