#include "DeviceAdmin.h"

#include "AdminReply.h"
#include "DeviceGrants.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

namespace {
using admin::answer;
using admin::failure;

bool isChange(const QByteArray &method)
{
    return method == "PATCH" || method == "POST" || method == "PUT";
}
} // namespace

HttpReply DeviceAdmin::route(const QByteArray &method, const QStringList &parts, const QJsonObject &body)
{
    const QString action = parts.value(1);
    const qint64 now = m_context.clock.nowMs();
    DeviceCodeStore &store = m_context.devices;
    if (parts.size() == 1 && method == "GET")
        return answer(200, QJsonObject{{u"settings"_s, store.settings.toJson()},
                                       {u"codes"_s, store.toJson(now, /*pendingOnly=*/false)}});
    if (parts.size() == 2 && action == u"codes" && method == "GET")
        return answer(200, store.toJson(now, /*pendingOnly=*/false));
    if (parts.size() == 2 && action == u"pending" && method == "GET")
        return answer(200, store.toJson(now, /*pendingOnly=*/true));
    if (parts.size() == 2 && action == u"approve" && method == "POST")
        return decide(body, true);
    if (parts.size() == 2 && action == u"deny" && method == "POST")
        return decide(body, false);
    if (parts.size() == 2 && action == u"settings" && method == "GET")
        return answer(200, store.settings.toJson());
    if (parts.size() == 2 && action == u"settings" && isChange(method))
        return changeSettings(body);
    return failure(404, u"no device route %1 /__emulator/%2 (see emulator/README.md)"_s.arg(QString::fromLatin1(method),
                                                                                            parts.join(u'/')));
}

HttpReply DeviceAdmin::decide(const QJsonObject &body, bool approve)
{
    const QString userCode = body.value(u"userCode"_s).toString();
    if (userCode.isEmpty())
        return failure(400, u"expected {\"userCode\": \"…\", \"username\": \"…\"}"_s);
    DeviceAuthorization *item = m_context.devices.byUserCode(userCode);
    if (!item)
        return failure(404, u"no device code has the user code %1"_s.arg(userCode));
    const QString username = body.value(u"username"_s).toString();
    if (approve) { // a denial needs no permission: anyone may say no
        const QString why =
            DeviceGrantRules(m_context).whyUserCannotApprove(*item, m_context.org.userByUsername(username));
        if (!why.isEmpty())
            return failure(400, u"%1 cannot answer user code %2: %3"_s.arg(username, item->userCode, why));
    }
    switch (m_context.devices.decide(userCode, approve, username, m_context.clock.nowMs())) {
    case DeviceCodeStore::Decision::Done:
        return answer(200, item->toJson(m_context.clock.nowMs()));
    case DeviceCodeStore::Decision::UnknownCode:
        break;
    case DeviceCodeStore::Decision::Expired:
        return failure(409, u"the user code %1 has expired"_s.arg(item->userCode));
    case DeviceCodeStore::Decision::AlreadyDecided:
        return failure(
            409, u"the user code %1 is already %2"_s.arg(item->userCode, DeviceAuthorization::stateName(item->state)));
    }
    return failure(404, u"no device code has the user code %1"_s.arg(userCode));
}

HttpReply DeviceAdmin::changeSettings(const QJsonObject &body)
{
    DeviceSettings next = m_context.devices.settings;
    for (auto it = body.begin(); it != body.end(); ++it) {
        const QString key = it.key();
        const QJsonValue value = it.value();
        if (key == u"dialect" && (value == u"rfc8628"_s || value == u"salesforce"_s))
            next.rfc8628 = value == u"rfc8628"_s;
        else if (key == u"rfc8628" && value.isBool())
            next.rfc8628 = value.toBool();
        else if (key == u"enforceInterval" && value.isBool())
            next.enforceInterval = value.toBool();
        else if (key == u"lifetimeSeconds" && value.isDouble() && value.toInt() > 0)
            next.lifetimeSeconds = value.toInt();
        else if (key == u"intervalSeconds" && value.isDouble() && value.toInt() >= 0)
            next.intervalSeconds = value.toInt();
        else
            return failure(400, u"device setting %1 is unknown or its value is invalid (dialect: "
                                u"\"salesforce\"|\"rfc8628\", rfc8628/enforceInterval: bool, "
                                u"lifetimeSeconds: > 0, intervalSeconds: >= 0)"_s.arg(key));
    }
    m_context.devices.settings = next; // new codes use them; codes already issued keep theirs
    return answer(200, next.toJson());
}

} // namespace ecalab::emu
