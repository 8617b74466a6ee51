#include "Html.h"

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

namespace {
// Enough style to look like a login page; nothing the forms depend on.
constexpr char16_t kStyle[] =
    u"body{font-family:sans-serif;background:#f3f3f3;color:#16325c;margin:0}"
    u"main{max-width:380px;margin:48px auto;background:#fff;border:1px solid #d8dde6;border-radius:4px;padding:24px}"
    u"h1{font-size:20px;margin:0 0 16px}label{display:block;margin:12px 0 4px;font-size:13px}"
    u"input[type=text],input[type=password],input[type=email]{width:100%;box-sizing:border-box;padding:8px}"
    u"input[type=submit]{margin-top:16px;padding:8px 16px}.error{color:#c23934;margin:0 0 12px}"
    u"ul{padding-left:20px}.muted{color:#54698d;font-size:13px}";
} // namespace

QString Html::escape(QStringView text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        switch (c.unicode()) {
        case u'&':
            out += u"&amp;"_s;
            break;
        case u'<':
            out += u"&lt;"_s;
            break;
        case u'>':
            out += u"&gt;"_s;
            break;
        case u'"':
            out += u"&quot;"_s;
            break;
        case u'\'':
            out += u"&#39;"_s;
            break;
        default:
            out += c;
        }
    }
    return out;
}

QString Html::hiddenInputs(const Fields &fields)
{
    QString out;
    for (const auto &[name, value] : fields)
        out += u"<input type=\"hidden\" name=\"%1\" value=\"%2\">\n"_s.arg(escape(name), escape(value));
    return out;
}

HttpReply Html::page(const QString &title, const QString &bodyHtml, int status)
{
    const QString html = u"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                         u"<meta name=\"viewport\" content=\"width=device-width\"><title>%1</title>"
                         u"<style>%2</style></head>\n<body><main>\n%3</main></body></html>\n"_s.arg(
                             escape(title), QString::fromUtf16(kStyle), bodyHtml);
    HttpReply reply = HttpReply::withBody(status, "text/html;charset=UTF-8", html.toUtf8());
    reply.setHeader("Cache-Control", "no-store");
    return reply;
}

} // namespace ecalab::emu
