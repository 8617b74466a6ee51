// The headless flows' rows of the settings form (§6): the new user's data for registration, where
// the one-time code goes, customData as JSON, the reCAPTCHA token, the guest's visitor ID, and the
// note that the site user's password is kept in the keychain.
#include "ProfileForm.h"

#include "Style.h"
#include "UiContext.h"
#include "WrappingLabel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace ecalab::ui {

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kEmail = u"email"_s;

// customData as typed: empty is none; anything else must be a JSON object (§6.3 "customdata").
struct CustomDataText
{
    QJsonObject object;
    QString problem; // why it is not an object; empty when it is (or when nothing is typed)
};

CustomDataText readCustomData(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return {};
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(trimmed.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError)
        return {
            {},
            QObject::tr("customData is not JSON: %1 at character %2.").arg(error.errorString()).arg(error.offset + 1)};
    if (!document.isObject())
        return {{}, QObject::tr("customData must be a JSON object { … }, not an array.")};
    return {document.object(), {}};
}

QString customDataText(const QJsonObject &object)
{
    return object.isEmpty() ? QString() : QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}
} // namespace

void ProfileForm::buildHeadlessRows()
{
    m_firstName = addLine(ProfileField::FirstName, u"firstName"_s, tr("&First name"), tr("the new user's (optional)"));
    m_lastName = addLine(ProfileField::LastName, u"lastName"_s, tr("Last na&me"), tr("the new user's"));
    m_email =
        addLine(ProfileField::Email, u"email"_s, tr("E-&mail"), tr("where the code goes; the username when empty"));
    m_verificationMethod = addCombo(ProfileField::VerificationMethod, u"verificationMethod"_s, tr("Send the code &by"),
                                    {{tr("E-mail"), kEmail}, {tr("SMS"), u"sms"_s}});
    m_verificationMethod->setToolTip(tr("verificationMethod: SMS goes to customData's mobilePhone (§6.3, §6.4)"));
    m_customData = addLine(ProfileField::CustomData, u"customData"_s, tr("Custom &data"),
                           u"{\"mobilePhone\": \"+15555550100\"}"_s);
    m_customData->setToolTip(tr("A JSON object for the site's registration handler (customdata, §6.3)"));
    m_recaptchaToken = addLine(ProfileField::RecaptchaToken, u"recaptchaToken"_s, tr("re&CAPTCHA token"),
                               tr("only when the site requires reCAPTCHA"));
    m_uvid = addLine(ProfileField::Uvid, u"uvid"_s, tr("&Visitor ID (UVID)"), tr("new UUID each run"));
    m_uvid->setToolTip(tr("The guest's unique visitor ID, a UUID (§6.6); empty: a new one each run"));
    buildSitePasswordNote();
}

// Under Username: "Password kept in …" and Forget, for a saved profile whose password is kept.
void ProfileForm::buildSitePasswordNote()
{
    auto *line = new QWidget(this);
    line->setObjectName(u"sitePasswordLine"_s);
    auto *h = new QHBoxLayout(line);
    h->setContentsMargins(0, 0, 0, 0);
    m_sitePasswordNote = new WrappingLabel(line);
    m_sitePasswordNote->setObjectName(u"sitePasswordNote"_s);
    m_sitePasswordNote->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    makeMuted(m_sitePasswordNote);
    m_forgetSitePassword = new QPushButton(tr("Forget password"), line);
    m_forgetSitePassword->setObjectName(u"forgetSitePasswordButton"_s);
    m_forgetSitePassword->setFlat(true);
    m_forgetSitePassword->setToolTip(tr("Remove the site user's password from the keychain; the next run asks for it"));
    h->addWidget(m_sitePasswordNote, 1);
    h->addWidget(m_forgetSitePassword);
    line->hide();
    connect(m_forgetSitePassword, &QPushButton::clicked, this, &ProfileForm::forgetSitePasswordRequested);
    qobject_cast<QVBoxLayout *>(m_rows[ProfileField::Username].box->layout())->insertWidget(1, line);
}

void ProfileForm::setSitePasswordNote(const QString &note)
{
    m_sitePasswordNote->setText(note);
    m_sitePasswordNote->parentWidget()->setVisible(!note.isEmpty());
}

void ProfileForm::showHeadless(const Profile &profile)
{
    m_loadedVerificationMethod = profile.verificationMethod;
    m_verificationMethod->setCurrentIndex(
        std::max(0, m_verificationMethod->findData(effectiveVerificationMethod(profile))));
    m_firstName->setText(profile.firstName);
    m_lastName->setText(profile.lastName);
    m_email->setText(profile.email);
    m_customData->setText(customDataText(profile.customData));
    m_recaptchaToken->setText(profile.recaptchaToken);
    m_uvid->setText(profile.uvid);
}

void ProfileForm::readHeadless(Profile &p) const
{
    const QString method = m_verificationMethod->currentData().toString();
    // A profile that left it out (the default, e-mail) still leaves it out: no edit, no change.
    p.verificationMethod = method == kEmail && m_loadedVerificationMethod.isEmpty() ? QString() : method;
    p.firstName = m_firstName->text().trimmed();
    p.lastName = m_lastName->text().trimmed();
    p.email = m_email->text().trimmed();
    p.customData = readCustomData(m_customData->text()).object;
    p.recaptchaToken = m_recaptchaToken->text().trimmed();
    p.uvid = m_uvid->text().trimmed();
}

// Text that is not a JSON object cannot be kept in the profile: said at the field, and Run waits.
void ProfileForm::addCustomDataProblem(FieldProblems &problems) const
{
    if (m_rows[ProfileField::CustomData].editRow->isHidden())
        return;
    const QString problem = readCustomData(m_customData->text()).problem;
    if (!problem.isEmpty())
        problems.prepend({ProfileField::CustomData, true, problem,
                          tr("Write an object, e.g. {\"mobilePhone\": \"+15555550100\"}, or leave it empty.")});
}

// A real org's My Domain is told by its name (checks::siteUrl); the emulator's hosts are all on
// 127.0.0.1, so the demo org says which one the Site URL is on, and the same words follow.
void ProfileForm::addDemoSiteProblem(FieldProblems &problems) const
{
    if (!m_demo || m_rows[ProfileField::SiteUrl].editRow->isHidden())
        return;
    const QUrl site = urlFromField(m_siteUrl->text());
    const QString host = site.isValid() ? m_demo->hostName(site) : QString();
    if (host.isEmpty() || host == u"site")
        return;
    problems.append({ProfileField::SiteUrl, true,
                     tr("%1 is not an Experience Cloud site but the demo org's %2; the headless APIs answer only on "
                        "a site.")
                         .arg(site.authority(), host),
                     tr("Set Site URL to the demo org's site (the demo profile's Site URL).")});
}

} // namespace ecalab::ui
