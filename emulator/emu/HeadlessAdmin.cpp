#include "HeadlessAdmin.h"

#include "AdminReply.h"
#include "OrgEditor.h"

#include <QJsonDocument>

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

using admin::answer;
using admin::failure;

QJsonObject HeadlessAdmin::outbox(const QString &to, const QString &purpose) const
{
    return {{u"messages"_s, m_context.outbox.toJson(m_context.otps, to, purpose)}};
}

HttpReply HeadlessAdmin::route(const HttpRequest &request, const QStringList &parts, const QJsonObject &body)
{
    const QByteArray &method = request.method;
    const QString head = parts.value(0);
    if (parts.size() == 1 && head == u"outbox" && method == "GET")
        return answer(200, outbox(request.query.value(u"to"), request.query.value(u"purpose")));
    if (parts.size() == 1 && head == u"outbox" && method == "DELETE")
        return answer(200, QJsonObject{{u"cleared"_s, m_context.outbox.clear()}});
    if (parts.size() == 1 && head == u"site" && method == "GET")
        return answer(200, m_context.org.site.toJson());
    if (parts.size() == 1 && head == u"site" && (method == "PATCH" || method == "POST" || method == "PUT")) {
        const OrgEditor::Result result = OrgEditor(m_context).changeSite(body);
        return result ? answer(200, m_context.org.site.toJson()) : failure(400, result.error);
    }
    return failure(404,
                   u"no admin route %1 %2 (see emulator/README.md)"_s.arg(QString::fromLatin1(method), request.path));
}

} // namespace ecalab::emu
