#include "CallbackPage.h"

#include <QFile>

namespace ecalab {

using namespace Qt::Literals::StringLiterals;

namespace {
QString escaped(const QString &text)
{
    // Braces too, so a value can never look like another placeholder.
    return text.toHtmlEscaped().replace(u'\'', u"&#39;"_s).replace(u'{', u"&#123;"_s).replace(u'}', u"&#125;"_s);
}

QString pageTemplate()
{
    QFile file(u":/callback/callback.html"_s);
    if (file.open(QIODevice::ReadOnly))
        return QString::fromUtf8(file.readAll());
    // Resource missing (a broken build): still answer with something readable.
    return u"<!DOCTYPE html><title>{{TITLE}}</title><h1>{{TITLE}}</h1><p>{{MESSAGE}}</p><p>{{DETAIL}}</p>"_s;
}
} // namespace

QByteArray CallbackPage::render() const
{
    QString html = pageTemplate();
    html.replace(u"{{TITLE}}"_s, escaped(title));
    html.replace(u"{{MESSAGE}}"_s, escaped(message));
    html.replace(u"{{DETAIL}}"_s, escaped(detail));
    return html.toUtf8();
}

} // namespace ecalab
