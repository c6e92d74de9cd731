/* td-document-dialog.c: a dialog built on one issue */

#include "config.h"

#include "td-document-dialog.h"

typedef struct
{
  TdDocument *document;
} TdDocumentDialogPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (TdDocumentDialog, td_document_dialog, ADW_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

TdDocument *
td_document_dialog_get_document (TdDocumentDialog *self)
{
  TdDocumentDialogPrivate *priv = td_document_dialog_get_instance_private (self);

  g_return_val_if_fail (TD_IS_DOCUMENT_DIALOG (self), NULL);
  return priv->document;
}

static void
td_document_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TdDocumentDialog *self = TD_DOCUMENT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, td_document_dialog_get_document (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_document_dialog_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TdDocumentDialogPrivate *priv =
    td_document_dialog_get_instance_private (TD_DOCUMENT_DIALOG (object));

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      priv->document = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_document_dialog_finalize (GObject *object)
{
  TdDocumentDialogPrivate *priv =
    td_document_dialog_get_instance_private (TD_DOCUMENT_DIALOG (object));

  g_clear_object (&priv->document);

  G_OBJECT_CLASS (td_document_dialog_parent_class)->finalize (object);
}

static void
td_document_dialog_class_init (TdDocumentDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = td_document_dialog_finalize;
  object_class->get_property = td_document_dialog_get_property;
  object_class->set_property = td_document_dialog_set_property;

  /**
   * TdDocumentDialog:document:
   *
   * The issue the dialog works on (construct-only, required).
   */
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, TD_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
td_document_dialog_init (TdDocumentDialog *self)
{
}
