#include "SitePassword.h"

#include "grants/headless/HeadlessFlow.h"
#include "profile/SecretStore.h"

namespace ecalab::ui {

using namespace Qt::Literals::StringLiterals;

SitePassword::SitePassword(SecretStore *secrets, SavedName savedName, QObject *parent)
    : QObject(parent), m_secrets(secrets), m_savedName(std::move(savedName))
{
}

void SitePassword::profileChanged()
{
    delete m_readContext; // an answer for the profile before is not wanted any more
    m_readContext = nullptr;
    m_kept.clear();
    Q_EMIT changed();
    if (!canKeep())
        return;
    m_readContext = new QObject(this);
    m_secrets->read(SecretStore::passwordKey(m_savedName()), m_readContext, [this](const SecretStore::Result &result) {
        m_kept = result.ok ? result.value : QString();
        Q_EMIT changed();
    });
}

bool SitePassword::canKeep() const
{
    return m_secrets && !m_savedName().isEmpty();
}

QString SitePassword::storeName() const
{
    if (!m_secrets)
        return {};
    if (!m_secrets->isPersistent()) // no keychain answered: said plainly, not as a place
        return tr("memory for this session only");
    const QString place = m_secrets->description();
    return place.startsWith(u"the ") ? place : tr("the %1").arg(place);
}

QString SitePassword::keyName() const
{
    return SecretStore::passwordKey(m_savedName());
}

QString SitePassword::answerFor(const UserPrompt &prompt) const
{
    return prompt.id == QStringView(HeadlessFlow::kPasswordPromptId) ? m_kept : QString();
}

void SitePassword::keep(const QString &password)
{
    if (!canKeep() || password.isEmpty())
        return;
    m_kept = password;
    m_secrets->write(keyName(), password, this, [this](const SecretStore::Result &result) {
        if (!result.ok) {
            m_kept.clear();
            Q_EMIT failed(tr("The password was not kept: %1").arg(result.error));
        }
        Q_EMIT changed();
    });
    Q_EMIT changed();
}

void SitePassword::forget()
{
    if (!canKeep() || m_kept.isEmpty())
        return;
    m_kept.clear();
    m_secrets->remove(keyName(), this, [this](const SecretStore::Result &) { Q_EMIT changed(); });
    Q_EMIT changed();
}

} // namespace ecalab::ui
