/* td-render-private.h: the render layer under td_render()
 *
 * Rendering is two steps. First the issue is resolved, once, into what
 * every format shows (td-render-section.c): its sections in file order
 * (those of unknown type left out), and for each its type and id, its words
 * (with the fallback labels in the issue's language), its links (only those
 * every format may link), its pictures (URL and intrinsic size) and the
 * issue's direction. Then each format lays that out: td-render-web.c,
 * td-render-email.c, td-render-text.c; td-eml.c wraps the last two in a
 * MIME message.
 *
 * Which function lays out which section type in which format is one table
 * (section_types[] in td-render-section.c), and the loop over the sections
 * is one function (_td_render_layout()). Adding a section type is its
 * TdSectionKind and its row in that table (in the same order), its resolve
 * function and one layout function per format.
 */
#pragma once

#include "td-html-writer.h"
#include "td-markdown.h"
#include "td-render.h"

G_BEGIN_DECLS

/* The formats that lay sections out themselves (the .eml doesn't). */
#define TD_RENDER_N_LAYOUTS (TD_RENDER_TEXT + 1)

/* The section types, in the order of the table. */
typedef enum
{
  TD_SECTION_MASTHEAD,
  TD_SECTION_ARTICLE,
  TD_SECTION_VIDEO,
  TD_SECTION_NEWS,
  TD_SECTION_CTA,
  TD_SECTION_CREDENTIALS,
  TD_SECTION_PROMOTION,
  TD_SECTION_TIP,
  TD_SECTION_TESTIMONIAL,
  TD_SECTION_FOOTER,
} TdSectionKind;

/* Where a section stands: the leading mastheads head the issue, the
 * trailing footers end it, everything else is its main part. */
typedef enum
{
  TD_PART_HEADER,
  TD_PART_MAIN,
  TD_PART_FOOTER,
} TdSectionPart;

/* A picture that can be shown: its path is inside the issue's folder and
 * its URL is safe (td_render_picture_url()). */
typedef struct
{
  const char *src;     /* relative to the issue's folder */
  const char *alt;     /* "" when there is none */
  char       *url;     /* as context->image_urls writes it */
  guint       width;   /* as the file is; 0 × 0 when it can't be read (or */
  guint       height;  /* the sizes were not asked for) */
} TdRenderPicture;

/* A link every format may write: an absolute http(s), mailto, tel or sms
 * URL (td_url_is_safe_absolute()), or, for the unsubscribe link only, a
 * mailing service's merge tag. */
typedef struct
{
  char       *url;
  const char *label;  /* the link's own words, or else the ones a format adds */
} TdRenderLink;

typedef struct
{
  TdRenderLink    *link;       /* "Watch the video"; NULL when not linkable */
  TdRenderPicture *thumbnail;  /* NULL when none can be shown */
  const char      *caption;    /* markdown */
} TdRenderVideo;

/* A news item, a credentials badge or a promotion's offer. */
typedef struct
{
  const char      *heading;  /* offer: heading; badge: name */
  const char      *text;     /* markdown: news item, offer */
  const char      *alt;      /* badge: its picture's description, shown or not */
  TdRenderPicture *picture;  /* photo, badge, offer picture; NULL when none */
  TdRenderLink    *link;     /* NULL when none can be linked */
} TdRenderItem;

typedef struct _TdRenderSectionType TdRenderSectionType;

/* One section, resolved. Each type fills the members it has. Text that is
 * only white space reads as "" (as if the field were empty). */
typedef struct
{
  const TdRenderSectionType *type;
  TdSectionKind        kind;
  const char          *id;
  TdSectionPart        part;
  const char          *title;      /* "" when none; the tip's has its fallback */
  const char          *body;       /* markdown: article, tip; footer: its note */
  const char          *text;       /* cta: its text, line breaks kept */
  TdRenderPicture     *picture;    /* article, tip: image; masthead: banner */
  TdRenderPicture     *logo;       /* masthead: the practice's logo, unless hidden */
  TdRenderVideo       *video;      /* article, video: NULL without one */
  GPtrArray           *items;      /* TdRenderItem: news, credentials, promotion */
  const char          *phone;      /* cta: as written */
  TdRenderLink        *call;       /* cta: tel: and sms: links, both or neither */
  TdRenderLink        *sms;
  TdRenderLink        *form;       /* cta: its buttons */
  TdRenderLink        *youtube;
  const char          *copyright;  /* footer */
  const char          *attribution; /* testimonial: the client's name or initials */
} TdRenderSection;

/* The words the formats add themselves, in the issue's language. */
typedef enum
{
  TD_LABEL_VIEW_IN_BROWSER,
  TD_LABEL_WATCH_VIDEO,
  TD_LABEL_READ_MORE,
  TD_LABEL_CALL,
  TD_LABEL_TEXT,
  TD_LABEL_BOOK_ONLINE,
  TD_LABEL_SUBSCRIBE_YOUTUBE,
  TD_LABEL_DID_YOU_KNOW,
  TD_LABEL_UNSUBSCRIBE,
  TD_LABEL_LINKS,
  TD_N_LABELS
} TdRenderLabel;

/* What to resolve beyond the words and links every format shows. */
typedef enum
{
  TD_RESOLVE_WORDS    = 0,       /* the plain text shows no pictures */
  TD_RESOLVE_PICTURES = 1 << 0,  /* which pictures are shown, and their URLs */
  TD_RESOLVE_SIZES    = 1 << 1,  /* with their sizes, read from the files */
} TdResolveFlags;

/* The issue, resolved. Strings are borrowed from the document. */
typedef struct
{
  const TdRenderContext *context;
  const char            *language;    /* "en" when unset */
  gboolean               rtl;         /* td_l10n_language_is_rtl() */
  const char            *labels[TD_N_LABELS];
  /* The practice */
  const char            *name;
  const char            *profession;
  const char            *location;
  const char            *address;
  const char            *brand_color;
  /* The issue */
  const char            *title;
  const char            *subject;
  const char            *preheader;
  const char            *date;
  char                  *month;       /* the date in words; NULL when not a date */
  const char            *public_base_url;
  TdRenderLink          *web_version; /* "View in browser"; NULL without an address */
  TdRenderLink          *website;     /* labelled without scheme and final slash */
  TdRenderLink          *unsubscribe;
  /* The unsubscribe URL holds a merge tag, which only the mailing service
   * fills in: it means nothing on the web page. */
  gboolean               unsubscribe_is_personal;
  GPtrArray             *sections;    /* TdRenderSection */
  gboolean               has_masthead;
  /* The paths of the pictures shown, each once, in order of first use:
   * what the web export copies and the .eml attaches. */
  GPtrArray             *pictures;

  /* private */
  TdResolveFlags         flags;
  GHashTable            *sizes;       /* src -> the file's size, read once */
  GHashTable            *shown;       /* the strings of pictures */
  GArray                *owned;       /* what to free with the issue */
} TdRenderIssue;

/* Resolves the issue in @context (which must outlive it), its pictures as
 * @flags asks. */
TdRenderIssue *_td_render_issue_new   (const TdRenderContext *context,
                                       TdResolveFlags         flags);
void           _td_render_issue_free  (TdRenderIssue         *issue);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdRenderIssue, _td_render_issue_free)

/* The size of @picture scaled down (never up) to fit @max_width, keeping its
 * proportions. FALSE, and 0 × 0, when its size is not known. */
gboolean       _td_render_picture_fit (const TdRenderPicture *picture,
                                       guint                  max_width,
                                       guint                 *width,
                                       guint                 *height);

/* Writes @markdown as HTML for a section's body (its headings below the
 * section's h2; @style may be NULL) between the markup @open and @close,
 * on lines of its own; nothing at all when it renders to nothing. */
void           _td_render_markdown    (TdHtmlWriter          *w,
                                       const char            *markdown,
                                       const TdMarkdownStyle *style,
                                       const char            *open,
                                       const char            *close);

/* What every format's renderer starts with (its own struct embeds it
 * first). */
typedef struct _TdRenderer TdRenderer;

typedef void (*TdLayoutFunc) (TdRenderer            *renderer,
                              const TdRenderSection *section);

struct _TdRenderer
{
  TdRenderFormat       format;  /* its column in the table of section types */
  const TdRenderIssue *issue;
  /* Called as the loop moves on to the issue's main part, then to its
   * footer (even when they hold no section); may be NULL. */
  void               (*enter_part) (TdRenderer    *renderer,
                                    TdSectionPart  part);
};

struct _TdRenderSectionType
{
  const char    *name;  /* the "type" in the file */
  void         (*resolve) (TdRenderIssue   *issue,
                           TdRenderSection *section,
                           JsonObject      *object);
  TdLayoutFunc   layout[TD_RENDER_N_LAYOUTS];
};

/* Lays out every section of renderer->issue in order, each with its type's
 * function for renderer->format. */
void           _td_render_layout      (TdRenderer            *renderer);

/* The formats, each laying out a resolved issue (what td_render() calls) */

char          *_td_render_web         (const TdRenderIssue    *issue,
                                       gsize                  *length);
char          *_td_render_email       (const TdRenderIssue    *issue,
                                       gsize                  *length);
/* The text, or its page when issue->context->text_page. */
char          *_td_render_text        (const TdRenderIssue    *issue,
                                       gsize                  *length);
/* The .eml resolves the issue itself: its pictures' URLs are its own. */
GBytes        *_td_render_eml         (const TdRenderContext  *context,
                                       GError                **error);

/* The layouts, one per section type and format, in the table */

void _td_web_masthead      (TdRenderer            *renderer,
                            const TdRenderSection *section);
void _td_web_article       (TdRenderer            *renderer,
                            const TdRenderSection *section);
void _td_web_news          (TdRenderer            *renderer,
                            const TdRenderSection *section);
void _td_web_cta           (TdRenderer            *renderer,
                            const TdRenderSection *section);
void _td_web_badges        (TdRenderer            *renderer,
                            const TdRenderSection *section);
void _td_web_promotion     (TdRenderer            *renderer,
                            const TdRenderSection *section);
void _td_web_tip           (TdRenderer            *renderer,
                            const TdRenderSection *section);
void _td_web_testimonial   (TdRenderer            *renderer,
                            const TdRenderSection *section);
void _td_web_footer        (TdRenderer            *renderer,
                            const TdRenderSection *section);

void _td_email_masthead    (TdRenderer            *renderer,
                            const TdRenderSection *section);
void _td_email_article     (TdRenderer            *renderer,
                            const TdRenderSection *section);
void _td_email_news        (TdRenderer            *renderer,
                            const TdRenderSection *section);
void _td_email_cta         (TdRenderer            *renderer,
                            const TdRenderSection *section);
void _td_email_badges      (TdRenderer            *renderer,
                            const TdRenderSection *section);
void _td_email_promotion   (TdRenderer            *renderer,
                            const TdRenderSection *section);
void _td_email_tip         (TdRenderer            *renderer,
                            const TdRenderSection *section);
void _td_email_testimonial (TdRenderer            *renderer,
                            const TdRenderSection *section);
void _td_email_footer      (TdRenderer            *renderer,
                            const TdRenderSection *section);

void _td_text_masthead     (TdRenderer            *renderer,
                            const TdRenderSection *section);
void _td_text_article      (TdRenderer            *renderer,
                            const TdRenderSection *section);
void _td_text_cta          (TdRenderer            *renderer,
                            const TdRenderSection *section);
void _td_text_badges       (TdRenderer            *renderer,
                            const TdRenderSection *section);
void _td_text_list         (TdRenderer            *renderer,
                            const TdRenderSection *section);
void _td_text_testimonial  (TdRenderer            *renderer,
                            const TdRenderSection *section);
void _td_text_footer       (TdRenderer            *renderer,
                            const TdRenderSection *section);

G_END_DECLS
