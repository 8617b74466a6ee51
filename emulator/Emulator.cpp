#include "Emulator.h"

#include "emu/AdminApi.h"
#include "emu/Context.h"
#include "emu/DemoOrg.h"
#include "emu/Dispatcher.h"
#include "emu/HostServer.h"
#include "emu/OrgEditor.h"

#include <array>

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

struct Emulator::Private
{
    EmulatorContext context;
    DemoOrg demo;
    std::unique_ptr<Dispatcher> dispatcher;
    std::array<std::unique_ptr<HostServer>, 3> servers; // login, My Domain, site

    QUrl hostUrl(int index) const
    {
        if (!servers[size_t(index)])
            return {};
        return QUrl(u"http://127.0.0.1:%1"_s.arg(servers[size_t(index)]->port()));
    }
    void updateUrls()
    {
        context.urls.login = hostUrl(0);
        context.urls.myDomain = hostUrl(1);
        context.urls.siteHost = hostUrl(2);
    }
};

Emulator::Emulator(QObject *parent) : QObject(parent), d(std::make_unique<Private>())
{
    d->dispatcher = std::make_unique<Dispatcher>(d->context);
    const auto loaded = OrgEditor(d->context).loadSeed(DemoOrg::builtInSeed());
    if (!loaded)
        qFatal("the emulator's demo org does not load: %s", qPrintable(loaded.error));
}

Emulator::~Emulator()
{
    stop();
}

bool Emulator::loadSeed(const QJsonObject &seed, QString *error)
{
    const auto result = OrgEditor(d->context).loadSeed(seed);
    if (!result && error)
        *error = result.error;
    return bool(result);
}

bool Emulator::start(quint16 firstPort, QString *error)
{
    if (isRunning())
        return true;
    if (firstPort != 0 && firstPort > 65533) {
        if (error)
            *error = u"the first port must leave room for two more (N, N+1, N+2): %1 is too high"_s.arg(firstPort);
        return false;
    }
    const std::array<HostKind, 3> hosts{HostKind::Login, HostKind::MyDomain, HostKind::Site};
    for (size_t i = 0; i < hosts.size(); ++i) {
        Dispatcher *dispatcher = d->dispatcher.get();
        auto server = std::make_unique<HostServer>(
            hosts[i], [dispatcher](const HttpRequest &request, const HostServer::ReplyFunction &reply) {
                dispatcher->dispatch(request, reply);
            });
        const quint16 port = firstPort == 0 ? 0 : quint16(firstPort + i);
        QString why;
        if (!server->listenOnLoopback(port, &why)) {
            stop();
            if (error)
                *error = u"the emulator cannot start the %1 host: %2"_s.arg(hostKindName(hosts[i]), why);
            return false;
        }
        d->servers[i] = std::move(server);
    }
    d->updateUrls();
    if (!d->demo.writeKeyFile(error)) {
        stop();
        return false;
    }
    return true;
}

void Emulator::stop()
{
    for (auto &server : d->servers)
        server.reset();
    d->updateUrls();
}

bool Emulator::isRunning() const
{
    return d->servers[1] != nullptr;
}

QUrl Emulator::loginUrl() const
{
    return d->context.urls.login;
}

QUrl Emulator::myDomainUrl() const
{
    return d->context.urls.myDomain;
}

QUrl Emulator::siteUrl() const
{
    return QUrl(d->context.baseUrl(HostKind::Site));
}

QUrl Emulator::adminUrl() const
{
    return isRunning() ? QUrl(myDomainUrl().toString() + QString::fromUtf16(AdminApi::kPrefix)) : QUrl();
}

QJsonObject Emulator::demoProfile() const
{
    return DemoOrg::profile(d->context, d->demo.keyFilePath());
}

QJsonArray Emulator::users() const
{
    QJsonArray list;
    for (const User &user : d->context.org.users)
        list.append(QJsonObject{{u"username"_s, user.username}, {u"password"_s, user.password}});
    return list;
}

QJsonObject Emulator::describe() const
{
    return {{u"login"_s, loginUrl().toString()}, {u"myDomain"_s, myDomainUrl().toString()},
            {u"site"_s, siteUrl().toString()},   {u"admin"_s, adminUrl().toString()},
            {u"profile"_s, demoProfile()},       {u"users"_s, users()}};
}

QJsonObject Emulator::state() const
{
    return d->dispatcher->admin().state();
}

bool Emulator::changeApp(const QString &clientIdOrName, const QJsonObject &changes, QString *error)
{
    const auto result = OrgEditor(d->context).changeApp(clientIdOrName, changes);
    if (!result && error)
        *error = result.error;
    return bool(result);
}

bool Emulator::changeUser(const QString &username, const QJsonObject &changes, QString *error)
{
    const auto result = OrgEditor(d->context).changeUser(username, changes);
    if (!result && error)
        *error = result.error;
    return bool(result);
}

bool Emulator::changeOrg(const QJsonObject &changes, QString *error)
{
    const auto result = OrgEditor(d->context).changeOrg(changes);
    if (!result && error)
        *error = result.error;
    return bool(result);
}

bool Emulator::changeSite(const QJsonObject &changes, QString *error)
{
    const auto result = OrgEditor(d->context).changeSite(changes);
    if (!result && error)
        *error = result.error;
    return bool(result);
}

QJsonArray Emulator::outbox() const
{
    return d->context.outbox.toJson(d->context.otps);
}

QString Emulator::lastOtpSentTo(const QString &address) const
{
    return d->context.outbox.lastOtpSentTo(address);
}

void Emulator::advanceClock(qint64 seconds)
{
    d->context.clock.advance(seconds * 1000);
}

void Emulator::reset()
{
    OrgEditor(d->context).reset();
}

qint64 Emulator::nowMs() const
{
    return d->context.clock.nowMs();
}

} // namespace ecalab::emu
