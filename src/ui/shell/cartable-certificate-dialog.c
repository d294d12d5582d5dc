/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cartable-certificate-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "cartable-certificate-dialog.h"

struct _CartableCertificateDialog
{
  AdwMessageDialog            parent_instance;

  CartableCertificateRequest *request;
  gboolean                    answered;
};

G_DEFINE_FINAL_TYPE (CartableCertificateDialog, cartable_certificate_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  PROP_0,
  PROP_REQUEST,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The certificate's problems, one line each. */
static char *
describe_errors (GTlsCertificateFlags errors)
{
  GString *text = g_string_new (NULL);

  if (errors & G_TLS_CERTIFICATE_UNKNOWN_CA)
    g_string_append_printf (text, "• %s\n", _("It is not signed by an authority this computer knows."));
  if (errors & G_TLS_CERTIFICATE_BAD_IDENTITY)
    g_string_append_printf (text, "• %s\n", _("It was made for another server name."));
  if (errors & (G_TLS_CERTIFICATE_NOT_ACTIVATED | G_TLS_CERTIFICATE_EXPIRED))
    g_string_append_printf (text, "• %s\n", _("It is not valid at today’s date."));
  if (errors & G_TLS_CERTIFICATE_REVOKED)
    g_string_append_printf (text, "• %s\n", _("It was revoked."));
  if (errors & (G_TLS_CERTIFICATE_INSECURE | G_TLS_CERTIFICATE_GENERIC_ERROR))
    g_string_append_printf (text, "• %s\n", _("It is insecure or damaged."));

  return g_string_free (text, FALSE);
}

static void
answer (CartableCertificateDialog *self,
        gboolean                   accept)
{
  if (self->answered)
    return;
  self->answered = TRUE;
  cartable_certificate_request_answer (self->request, accept);
}

static void
response_cb (CartableCertificateDialog *self,
             const char                *response)
{
  answer (self, g_strcmp0 (response, "accept") == 0);
}

static void
cartable_certificate_dialog_constructed (GObject *object)
{
  CartableCertificateDialog *self = CARTABLE_CERTIFICATE_DIALOG (object);
  g_autofree char *problems = NULL;

  G_OBJECT_CLASS (cartable_certificate_dialog_parent_class)->constructed (object);

  g_assert (CARTABLE_IS_CERTIFICATE_REQUEST (self->request));
  problems = describe_errors (cartable_certificate_request_get_errors (self->request));
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (self),
                                  _("The server %s presents a certificate that cannot be checked:\n%s\n"
                                    "Subject: %s\nIssuer: %s\nSHA-256 fingerprint: %s\n\n"
                                    "Someone may be trying to read your mail. Accept only if your academy’s "
                                    "assistance confirms this fingerprint."),
                                  cartable_certificate_request_get_host (self->request), problems,
                                  cartable_certificate_request_get_subject (self->request),
                                  cartable_certificate_request_get_issuer (self->request),
                                  cartable_certificate_request_get_fingerprint (self->request));
}

static void
cartable_certificate_dialog_dispose (GObject *object)
{
  CartableCertificateDialog *self = CARTABLE_CERTIFICATE_DIALOG (object);

  /* Gone without an answer (its window closed): refused, as Camel waits. */
  if (self->request != NULL)
    answer (self, FALSE);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARTABLE_TYPE_CERTIFICATE_DIALOG);
  g_clear_object (&self->request);

  G_OBJECT_CLASS (cartable_certificate_dialog_parent_class)->dispose (object);
}

static void
cartable_certificate_dialog_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  CartableCertificateDialog *self = CARTABLE_CERTIFICATE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_REQUEST:
      g_value_set_object (value, self->request);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_certificate_dialog_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec)
{
  CartableCertificateDialog *self = CARTABLE_CERTIFICATE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_REQUEST:
      self->request = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cartable_certificate_dialog_class_init (CartableCertificateDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cartable_certificate_dialog_constructed;
  object_class->dispose = cartable_certificate_dialog_dispose;
  object_class->get_property = cartable_certificate_dialog_get_property;
  object_class->set_property = cartable_certificate_dialog_set_property;

  properties[PROP_REQUEST] =
    g_param_spec_object ("request", NULL, NULL, CARTABLE_TYPE_CERTIFICATE_REQUEST,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/cartable-certificate-dialog.ui");
  gtk_widget_class_bind_template_callback (widget_class, response_cb);
}

static void
cartable_certificate_dialog_init (CartableCertificateDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CartableCertificateDialog *
cartable_certificate_dialog_new (GtkWindow                  *parent,
                                 CartableCertificateRequest *request)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CARTABLE_IS_CERTIFICATE_REQUEST (request), NULL);

  return g_object_new (CARTABLE_TYPE_CERTIFICATE_DIALOG,
                       "transient-for", parent,
                       "request", request,
                       NULL);
}

CartableCertificateRequest *
cartable_certificate_dialog_get_request (CartableCertificateDialog *self)
{
  g_return_val_if_fail (CARTABLE_IS_CERTIFICATE_DIALOG (self), NULL);
  return self->request;
}
