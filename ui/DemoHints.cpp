#include "DemoHints.h"

#include "grants/FlowRegistry.h"
#include "grants/headless/HeadlessFlow.h"
#include "grants/headless/HeadlessRequests.h"
#include "oauth/Endpoints.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QJsonValue>

#include <algorithm>
#include <array>

namespace ecalab::ui {

using namespace Qt::Literals::StringLiterals;

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("DemoHints", text);
}

// The newest unused code sent since the run started: the one the site just sent for this prompt.
const DemoMessage *codeOfThisRun(const DemoRunFacts &facts)
{
    for (auto it = facts.outbox.crbegin(); it != facts.outbox.crend(); ++it) {
        if (it->id > facts.outboxBefore && !it->used)
            return &*it;
    }
    return nullptr;
}

DemoFill outboxFill(const DemoRunFacts &facts)
{
    const DemoMessage *message = codeOfThisRun(facts);
    if (!message) // §6.4, §6.5: a site answers the same for a user it does not know, and sends nothing
        return {tr("The demo org's outbox has no code for this run: the site sends one only to a user it knows."), {}};
    const QString channel = message->channel == u"sms" ? tr("SMS") : tr("e-mail");
    return {tr("Demo org outbox: %1 (%2 to %3)").arg(message->otp, channel, headless::maskedAddress(message->to)),
            message->otp};
}

DemoFill passwordFill(const DemoRunFacts &facts)
{
    const auto user = std::find_if(facts.users.cbegin(), facts.users.cend(), [&facts](const DemoUser &u) {
        return u.username.compare(facts.username, Qt::CaseInsensitive) == 0;
    });
    if (user == facts.users.cend()) // a new user (registration): no demo password to offer
        return {};
    return {tr("Demo user %1, password %2").arg(user->username, user->password), user->password};
}
} // namespace

QUrl runUrl(const Profile &profile, const QString &flowName)
{
    const FlowDescriptor *flow = FlowRegistry::instance().find(flowName);
    const bool onSite = flow && std::any_of(flow->fields.cbegin(), flow->fields.cend(),
                                            [](const FlowFieldUse &use) { return use.field == ProfileField::SiteUrl; });
    return onSite ? profile.siteUrl : profile.loginUrl;
}

int newestMessageId(const QList<DemoMessage> &outbox)
{
    int newest = 0;
    for (const DemoMessage &message : outbox)
        newest = std::max(newest, message.id);
    return newest;
}

bool DemoHosts::serves(const QUrl &url) const
{
    if (url.host().isEmpty())
        return false;
    return std::ranges::any_of(std::array{login, myDomain, site}, [&url](const QUrl &host) {
        return host.scheme() == url.scheme() && host.host() == url.host() && host.port() == url.port();
    });
}

QString DemoHosts::nameOf(const QUrl &url) const
{
    const auto on = [&url](const QUrl &host) {
        const bool sameHost = host.host().compare(url.host(), Qt::CaseInsensitive) == 0 ||
                              (isLoopbackHost(host.host()) && isLoopbackHost(url.host()));
        return sameHost && host.port() == url.port();
    };
    if (on(site))
        return u"site"_s;
    if (on(myDomain))
        return u"My Domain"_s;
    return on(login) ? u"login host"_s : QString();
}

QList<DemoMessage> demoMessagesFromOutbox(const QJsonArray &outbox)
{
    QList<DemoMessage> out;
    for (const QJsonValue &m : outbox)
        out.append(DemoMessage{.id = m[u"id"].toInt(),
                               .channel = m[u"channel"].toString(),
                               .to = m[u"to"].toString(),
                               .purpose = m[u"purpose"].toString(),
                               .otp = m[u"otp"].toString(),
                               .used = m[u"used"].toBool()});
    return out;
}

DemoFill demoFillFor(const UserPrompt &prompt, const DemoRunFacts &facts)
{
    if (prompt.kind == UserPrompt::Kind::AskOneTimeCode)
        return outboxFill(facts);
    if (prompt.kind == UserPrompt::Kind::AskSecret && prompt.id == QStringView(HeadlessFlow::kPasswordPromptId))
        return passwordFill(facts);
    return {};
}

} // namespace ecalab::ui
