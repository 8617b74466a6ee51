#include "DemoOrg.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace ecalab::emu {

using namespace Qt::Literals::StringLiterals;

QJsonObject DemoOrg::builtInSeed()
{
    QFile file(u":/emulator/demo/demo-org.json"_s);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("the emulator's demo org is missing from the resources");
    return QJsonDocument::fromJson(file.readAll()).object();
}

namespace {
const User *profileUser(const OrgModel &org, const App *app)
{
    for (const User &user : org.users) {
        const bool runAs = app && user.username.compare(app->clientCredentialsFlowUser, Qt::CaseInsensitive) == 0;
        if (user.active && !runAs && user.userType == u"STANDARD" && !user.isIntegrationUser)
            return &user;
    }
    return org.users.isEmpty() ? nullptr : &org.users.first();
}
} // namespace

QJsonObject DemoOrg::profile(const EmulatorContext &context, const QString &privateKeyFile)
{
    const App *app = context.org.apps.isEmpty() ? nullptr : &context.org.apps.first();
    const User *user = profileUser(context.org, app);
    return {{u"schema"_s, 1},
            {u"name"_s, u"Demo org (emulator)"_s},
            {u"loginUrl"_s, context.instanceUrl()},
            {u"siteUrl"_s, context.baseUrl(HostKind::Site)},
            {u"clientId"_s, app ? app->consumerKey : QString()},
            {u"clientSecret"_s, app ? app->consumerSecret : QString()},
            {u"callbackUrl"_s, app ? app->callbackUrls.value(0) : QString()},
            {u"scopes"_s, QJsonArray::fromStringList(app ? app->scopes() : QStringList())},
            {u"pkce"_s, true},
            {u"clientAuth"_s, u"post"_s},
            {u"username"_s, user ? user->username : QString()},
            {u"privateKeyFile"_s, privateKeyFile}};
}

bool DemoOrg::writeKeyFile(QString *error)
{
    if (m_keyFile)
        return true;
    QFile source(u":/emulator/demo/demo-key.pem"_s);
    auto file = std::make_unique<QTemporaryFile>(QDir::tempPath() + u"/ecalab-demo-key-XXXXXX.pem"_s);
    // QTemporaryFile creates the file readable and writable by its owner only (0600).
    if (!source.open(QIODevice::ReadOnly) || !file->open() || file->write(source.readAll()) < 0 || !file->flush()) {
        if (error)
            *error = u"cannot write the demo private key to a temporary file: %1"_s.arg(file->errorString());
        return false;
    }
    file->setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file->close();
    m_keyFile = std::move(file);
    return true;
}

QString DemoOrg::keyFilePath() const
{
    return m_keyFile ? m_keyFile->fileName() : QString();
}

} // namespace ecalab::emu
