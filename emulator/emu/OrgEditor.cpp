#include "OrgEditor.h"

#include "Seed.h"

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

namespace {
using Result = OrgEditor::Result;

Result invalid(const QString &error)
{
    return {Result::Status::Invalid, error};
}

Result notFound(const QString &error)
{
    return {Result::Status::NotFound, error};
}

qsizetype indexOfUser(const OrgModel &model, const QString &username)
{
    const User *user = model.userByUsername(username);
    return user ? user - model.users.constData() : -1;
}

qsizetype indexOfApp(const OrgModel &model, const QString &keyOrName)
{
    const App *app = model.appByClientIdOrName(keyOrName);
    return app ? app - model.apps.constData() : -1;
}
} // namespace

Result OrgEditor::commit(OrgModel candidate)
{
    QString error;
    if (!Seed::validate(candidate, &error))
        return invalid(error);
    m_context.org = std::move(candidate);
    return {};
}

Result OrgEditor::changeOrg(const QJsonObject &changes)
{
    OrgModel candidate = m_context.org;
    QString error;
    if (!Seed::applyOrg(candidate.org, changes, u"org"_s, &error))
        return invalid(error);
    return commit(std::move(candidate));
}

Result OrgEditor::changeSite(const QJsonObject &changes)
{
    OrgModel candidate = m_context.org;
    QString error;
    if (!Seed::applySite(candidate.site, changes, u"site"_s, &error))
        return invalid(error);
    return commit(std::move(candidate));
}

Result OrgEditor::changeUser(const QString &username, const QJsonObject &changes)
{
    OrgModel candidate = m_context.org;
    const qsizetype i = indexOfUser(candidate, username);
    if (i < 0)
        return notFound(u"no user has the username %1"_s.arg(username));
    QString error;
    if (!Seed::applyUser(candidate.users[i], changes, u"user"_s, &error))
        return invalid(error);
    return commit(std::move(candidate));
}

Result OrgEditor::createUser(const QJsonObject &user)
{
    if (!user.contains(u"username"_s) || !user.contains(u"password"_s))
        return invalid(u"user: username and password are required"_s);
    OrgModel candidate = m_context.org;
    User created;
    QString error;
    if (!Seed::applyUser(created, user, u"user"_s, &error))
        return invalid(error);
    candidate.users.append(created);
    Seed::fillDefaults(candidate);
    return commit(std::move(candidate));
}

Result OrgEditor::deleteUser(const QString &username)
{
    OrgModel candidate = m_context.org;
    const qsizetype i = indexOfUser(candidate, username);
    if (i < 0)
        return notFound(u"no user has the username %1"_s.arg(username));
    candidate.users.removeAt(i);
    return commit(std::move(candidate));
}

Result OrgEditor::changeApp(const QString &clientIdOrName, const QJsonObject &changes)
{
    OrgModel candidate = m_context.org;
    const qsizetype i = indexOfApp(candidate, clientIdOrName);
    if (i < 0)
        return notFound(u"no app has the consumer key or fullName %1"_s.arg(clientIdOrName));
    QString error;
    if (changes.contains(u"clientId"_s) || changes.contains(u"scopes"_s))
        return invalid(u"app: clientId and scopes are read-only; change consumerKey or commaSeparatedOauthScopes"_s);
    if (!Seed::applyApp(candidate.apps[i], changes, u"app"_s, &error))
        return invalid(error);
    return commit(std::move(candidate));
}

Result OrgEditor::createApp(const QJsonObject &app)
{
    if (!app.contains(u"fullName"_s))
        return invalid(u"app.fullName: required field is missing"_s);
    OrgModel candidate = m_context.org;
    App created;
    QString error;
    if (!Seed::applyApp(created, app, u"app"_s, &error))
        return invalid(error);
    candidate.apps.append(created);
    Seed::fillDefaults(candidate);
    return commit(std::move(candidate));
}

Result OrgEditor::deleteApp(const QString &clientIdOrName)
{
    OrgModel candidate = m_context.org;
    const qsizetype i = indexOfApp(candidate, clientIdOrName);
    if (i < 0)
        return notFound(u"no app has the consumer key or fullName %1"_s.arg(clientIdOrName));
    const QString name = candidate.apps.at(i).fullName;
    candidate.apps.removeAt(i);
    for (User &user : candidate.users) {
        user.permittedApps.removeAll(name);
        user.approvedApps.removeAll(name);
    }
    return commit(std::move(candidate));
}

Result OrgEditor::loadSeed(const QJsonObject &seed)
{
    OrgModel model;
    QString error;
    if (!Seed::read(seed, &model, &error))
        return invalid(error);
    m_context.org = std::move(model);
    m_context.seed = seed;
    m_context.tokens.clear();
    m_context.logins.endAll();
    m_context.approvals.clear();
    m_context.codes.clear();
    m_context.otps.clear();
    m_context.outbox.clear();
    m_context.devices.clear();
    m_context.faults.clear();
    return {};
}

void OrgEditor::reset()
{
    OrgModel model;
    if (Seed::read(m_context.seed, &model, nullptr))
        m_context.org = std::move(model);
    m_context.tokens.clear();
    m_context.logins.endAll();
    m_context.approvals.clear();
    m_context.codes.clear();
    m_context.otps.clear();
    m_context.outbox.clear();
    m_context.devices = DeviceCodeStore();
    m_context.faults.clear();
    m_context.clock.setOffset(0);
    m_context.apiRequests = 0;
}

} // namespace ecalab::emu
