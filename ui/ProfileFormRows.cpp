// The rows of the settings tabs: one editor per profile field, each placed on its page and column.
#include "ProfileForm.h"

#include "Icons.h"
#include "KeyMaterialPanel.h"
#include "Prompts.h"
#include "Style.h"
#include "WrappingLabel.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace ecalab::ui {

using namespace Qt::Literals::StringLiterals;

namespace {
struct Placement
{
    ProfileField field;
    ProfileForm::Page page;
    int column;
};
// The org and app every flow shares first, then the flow's own settings, then key material.
constexpr Placement kPlacements[] = {
    {ProfileField::Name, ProfileForm::Page::App, 0},
    {ProfileField::LoginUrl, ProfileForm::Page::App, 0},
    {ProfileField::ClientId, ProfileForm::Page::App, 0},
    {ProfileField::ClientSecret, ProfileForm::Page::App, 1},
    {ProfileField::ClientAuth, ProfileForm::Page::App, 1},
    {ProfileField::CallbackUrl, ProfileForm::Page::Flow, 0},
    {ProfileField::SiteUrl, ProfileForm::Page::Flow, 0},
    {ProfileField::Scopes, ProfileForm::Page::Flow, 0},
    {ProfileField::Username, ProfileForm::Page::Flow, 0},
    {ProfileField::FirstName, ProfileForm::Page::Flow, 0},
    {ProfileField::LastName, ProfileForm::Page::Flow, 0},
    {ProfileField::Email, ProfileForm::Page::Flow, 0},
    {ProfileField::Pkce, ProfileForm::Page::Flow, 1},
    {ProfileField::Prompt, ProfileForm::Page::Flow, 1},
    {ProfileField::LoginHint, ProfileForm::Page::Flow, 1},
    {ProfileField::Display, ProfileForm::Page::Flow, 1},
    {ProfileField::DeviceDialect, ProfileForm::Page::Flow, 1},
    {ProfileField::DeviceCodeLifetime, ProfileForm::Page::Flow, 1},
    {ProfileField::AssertionLifetime, ProfileForm::Page::Flow, 1},
    {ProfileField::VerificationMethod, ProfileForm::Page::Flow, 1},
    {ProfileField::CustomData, ProfileForm::Page::Flow, 1},
    {ProfileField::RecaptchaToken, ProfileForm::Page::Flow, 1},
    {ProfileField::Uvid, ProfileForm::Page::Flow, 1},
    {ProfileField::PrivateKeyFile, ProfileForm::Page::Keys, 0},
    {ProfileField::CertificateFile, ProfileForm::Page::Keys, 0},
    {ProfileField::Audience, ProfileForm::Page::Keys, 1},
};

Placement placementOf(ProfileField field)
{
    for (const Placement &p : kPlacements) {
        if (p.field == field)
            return p;
    }
    return {field, ProfileForm::Page::Flow, 0};
}

QLabel *mutedWrappingLabel(const QString &name, QWidget *parent)
{
    auto *label = new WrappingLabel(parent);
    label->setObjectName(name);
    makeMuted(label);
    label->hide();
    return label;
}
} // namespace

void ProfileForm::addRow(ProfileField field, const QString &name, const QString &label, QWidget *editRow,
                         QWidget *editor)
{
    const Placement place = placementOf(field);
    Row row;
    row.page = place.page;
    row.form = m_columns[int(place.page)][place.column];
    row.box = new QWidget(this);
    row.box->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed); // long values never widen the window
    auto *layout = new QVBoxLayout(row.box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(editRow);
    row.editRow = editRow;
    row.note = mutedWrappingLabel(name + u"LeftOutNote"_s, row.box);
    layout->addWidget(row.note);
    row.problem = new WrappingLabel(row.box);
    row.problem->setObjectName(name + u"Problem"_s);
    row.problem->setTextFormat(Qt::RichText);
    row.problem->hide();
    layout->addWidget(row.problem);
    row.editor = editor;
    auto *labelWidget = new QLabel(label, this);
    labelWidget->setBuddy(editor);
    row.form->addRow(labelWidget, row.box);
    m_rows.insert(field, row);
    m_order.append(field);
}

QLineEdit *ProfileForm::addLine(ProfileField field, const QString &name, const QString &label,
                                const QString &placeholder, QWidget *trailing)
{
    auto *edit = new QLineEdit(this);
    edit->setObjectName(name + u"Edit"_s);
    edit->setPlaceholderText(placeholder);
    QString plainLabel = label;
    edit->setAccessibleName(plainLabel.remove(u'&'));
    connect(edit, &QLineEdit::textChanged, this, &ProfileForm::onEdited);
    QWidget *editRow = edit;
    if (trailing) {
        editRow = new QWidget(this);
        auto *h = new QHBoxLayout(editRow);
        h->setContentsMargins(0, 0, 0, 0);
        h->addWidget(edit, 1);
        h->addWidget(trailing);
    }
    addRow(field, name, label, editRow, edit);
    return edit;
}

QComboBox *ProfileForm::addCombo(ProfileField field, const QString &name, const QString &label,
                                 const QList<std::pair<QString, QString>> &items)
{
    auto *combo = new QComboBox(this);
    combo->setObjectName(name + u"Combo"_s);
    QString plainLabel = label;
    combo->setAccessibleName(plainLabel.remove(u'&'));
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setMinimumContentsLength(12);
    for (const auto &[text, value] : items)
        combo->addItem(text, value);
    connect(combo, &QComboBox::currentIndexChanged, this, &ProfileForm::onEdited);
    addRow(field, name, label, combo, combo);
    return combo;
}

void ProfileForm::buildAppRows()
{
    m_name = addLine(ProfileField::Name, u"name"_s, tr("&Name"), tr("Acme prod – Order Sync"));
    m_loginUrl = addLine(ProfileField::LoginUrl, u"loginUrl"_s, tr("&Login URL"), u"https://acme.my.salesforce.com"_s);
    addLoginUrlAdvice();
    m_clientId = addLine(ProfileField::ClientId, u"clientId"_s, tr("Consumer &key"), tr("3MVG9…"));
    buildSecretRow();
    m_clientAuth = addCombo(ProfileField::ClientAuth, u"clientAuth"_s, tr("Client &auth"),
                            {{tr("Secret in the body (client_secret_post)"), u"post"_s},
                             {tr("HTTP Basic (client_secret_basic)"), u"basic"_s}});
}

// Under the Login URL: what kind of host it is, and a one-click fix for the usual paste mistakes.
void ProfileForm::addLoginUrlAdvice()
{
    auto *line = new QWidget(this);
    auto *h = new QHBoxLayout(line);
    h->setContentsMargins(0, 0, 0, 0);
    m_loginNote = new WrappingLabel(line);
    m_loginNote->setObjectName(u"loginUrlNote"_s);
    m_loginNote->setTextFormat(Qt::RichText);
    m_loginNote->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    makeMuted(m_loginNote);
    m_useSuggestedLoginUrl = new QPushButton(line);
    m_useSuggestedLoginUrl->setObjectName(u"useSuggestedLoginUrlButton"_s);
    m_useSuggestedLoginUrl->setFlat(true);
    m_useSuggestedLoginUrl->hide();
    connect(m_useSuggestedLoginUrl, &QPushButton::clicked, this, [this] {
        m_loginUrl->setText(m_useSuggestedLoginUrl->property("suggestion").toString());
        m_loginUrl->setFocus(Qt::OtherFocusReason);
    });
    h->addWidget(m_loginNote, 1);
    h->addWidget(m_useSuggestedLoginUrl);
    qobject_cast<QVBoxLayout *>(m_rows[ProfileField::LoginUrl].box->layout())->insertWidget(1, line);
}

void ProfileForm::buildSecretRow()
{
    m_clientSecret = new QLineEdit(this);
    m_clientSecret->setObjectName(u"clientSecretEdit"_s);
    m_clientSecret->setEchoMode(QLineEdit::Password);
    m_clientSecret->setAccessibleName(tr("Consumer secret"));
    m_clientSecret->setPlaceholderText(tr("from the app's Consumer Key and Secret page"));
    auto *reveal = m_clientSecret->addAction(icon(u"eye"_s), QLineEdit::TrailingPosition);
    reveal->setObjectName(u"clientSecretReveal"_s);
    reveal->setCheckable(true);
    reveal->setToolTip(tr("Show the consumer secret"));
    connect(reveal, &QAction::toggled, this, [this, reveal](bool shown) {
        m_clientSecret->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        reveal->setIcon(icon(shown ? u"eye-off"_s : u"eye"_s));
        reveal->setToolTip(shown ? tr("Hide the consumer secret") : tr("Show the consumer secret"));
    });
    connect(m_clientSecret, &QLineEdit::textChanged, this, &ProfileForm::onEdited);
    addRow(ProfileField::ClientSecret, u"clientSecret"_s, tr("Consumer &secret"), m_clientSecret, m_clientSecret);
    m_secretNote = mutedWrappingLabel(u"secretStorageNote"_s, this);
    qobject_cast<QVBoxLayout *>(m_rows[ProfileField::ClientSecret].box->layout())->addWidget(m_secretNote);
}

void ProfileForm::buildFlowRows()
{
    m_callbackUrl = addLine(ProfileField::CallbackUrl, u"callbackUrl"_s, tr("&Callback URL"),
                            u"http://localhost:1717/OauthRedirect"_s);
    m_siteUrl = addLine(ProfileField::SiteUrl, u"siteUrl"_s, tr("Si&te URL"), u"https://acme.my.site.com/customers"_s);
    m_scopes = addLine(ProfileField::Scopes, u"scopes"_s, tr("Sco&pes"), u"api refresh_token openid"_s);
    m_username = addLine(ProfileField::Username, u"username"_s, tr("&Username"), u"admin@acme.com"_s);
    m_pkce = new QCheckBox(tr("Use PKCE (S256)"), this);
    m_pkce->setObjectName(u"pkceCheck"_s);
    m_pkce->setAccessibleName(tr("PKCE"));
    connect(m_pkce, &QCheckBox::toggled, this, &ProfileForm::onEdited);
    addRow(ProfileField::Pkce, u"pkce"_s, tr("PKCE"), m_pkce, m_pkce);
    buildAuthorizeRows();
    buildDeviceRows();
    buildAssertionLifetimeRow();
    buildHeadlessRows();
}

// The authorize request's optional parameters (web server flow, §3.1).
void ProfileForm::buildAuthorizeRows()
{
    m_prompt = addLine(ProfileField::Prompt, u"prompt"_s, tr("P&rompt"), tr("login consent (optional)"));
    m_prompt->setToolTip(tr("Authorize prompt: login forces a fresh login, consent asks to allow again"));
    m_loginHint =
        addLine(ProfileField::LoginHint, u"loginHint"_s, tr("Login &hint"), tr("username to pre-fill (optional)"));
    QList<std::pair<QString, QString>> displays{{tr("Default"), QString()}};
    for (const QString &value : {u"page"_s, u"popup"_s, u"touch"_s, u"mobile"_s})
        displays.append({value, value});
    m_display = addCombo(ProfileField::Display, u"display"_s, tr("Displa&y"), displays);
    m_display->setToolTip(tr("Authorize display: how Salesforce lays out the login and consent pages"));
}

void ProfileForm::buildDeviceRows()
{
    m_deviceDialect = addCombo(ProfileField::DeviceDialect, u"deviceDialect"_s, tr("De&vice dialect"),
                               {{tr("Automatic (from the discovery document)"), u"auto"_s},
                                {tr("Salesforce (token endpoint, grant_type=device)"), u"salesforce"_s},
                                {tr("RFC 8628 (device authorization endpoint)"), u"rfc8628"_s}});
    m_deviceDialect->setToolTip(tr("How the device flow asks for a code and polls (§4.4)"));

    m_deviceCodeLifetime = new QSpinBox(this);
    m_deviceCodeLifetime->setObjectName(u"deviceCodeLifetimeSpin"_s);
    m_deviceCodeLifetime->setAccessibleName(tr("Device code lifetime"));
    m_deviceCodeLifetime->setRange(0, 24 * 3600);
    m_deviceCodeLifetime->setSingleStep(60);
    m_deviceCodeLifetime->setSuffix(tr(" s"));
    m_deviceCodeLifetime->setSpecialValueText(tr("as the server says"));
    m_deviceCodeLifetime->setToolTip(
        tr("How long to wait for approval when the server sends no expires_in; 0: the server's value, else 10 min"));
    connect(m_deviceCodeLifetime, &QSpinBox::valueChanged, this, &ProfileForm::onEdited);
    addRow(ProfileField::DeviceCodeLifetime, u"deviceCodeLifetime"_s, tr("Device code &lifetime"),
           m_deviceCodeLifetime, m_deviceCodeLifetime);
}

// The JWT assertion's exp − now (§5.1); 0 is Salesforce's own "within 3 minutes".
void ProfileForm::buildAssertionLifetimeRow()
{
    m_assertionLifetime = new QSpinBox(this);
    m_assertionLifetime->setObjectName(u"assertionLifetimeSpin"_s);
    m_assertionLifetime->setAccessibleName(tr("Assertion lifetime"));
    m_assertionLifetime->setRange(0, 24 * 3600);
    m_assertionLifetime->setSingleStep(30);
    m_assertionLifetime->setSuffix(tr(" s"));
    m_assertionLifetime->setSpecialValueText(tr("3 minutes (default)"));
    m_assertionLifetime->setToolTip(tr("Seconds from now to the assertion's exp; Salesforce asks for 3 minutes or less"));
    connect(m_assertionLifetime, &QSpinBox::valueChanged, this, &ProfileForm::onEdited);
    addRow(ProfileField::AssertionLifetime, u"assertionLifetime"_s, tr("Assertion l&ifetime"), m_assertionLifetime,
           m_assertionLifetime);
}

QToolButton *ProfileForm::browseButton(const QString &name, const QString &what)
{
    auto *button = new QToolButton(this);
    button->setObjectName(name);
    button->setIcon(icon(u"folder"_s));
    button->setToolTip(tr("Choose the %1").arg(what));
    button->setAccessibleName(tr("Choose %1").arg(what));
    return button;
}

// The key and certificate files, and under them what they are (KeyMaterialPanel).
void ProfileForm::buildKeyRows()
{
    const QString keyFilter = tr("Keys (*.key *.pem *.p8 *.p12 *.pfx);;All files (*)");
    const QString certificateFilter = tr("Certificates (*.crt *.cer *.pem *.der);;All files (*)");
    m_browseKey = browseButton(u"privateKeyBrowseButton"_s, tr("private key file"));
    m_privateKeyFile = addLine(ProfileField::PrivateKeyFile, u"privateKeyFile"_s, tr("Private &key file"),
                               tr("server.key"), m_browseKey);
    connect(m_browseKey, &QToolButton::clicked, this,
            [this, keyFilter] { chooseKeyFile(m_privateKeyFile, tr("Private key file"), keyFilter); });
    m_browseCertificate = browseButton(u"certificateBrowseButton"_s, tr("certificate file"));
    m_certificateFile = addLine(ProfileField::CertificateFile, u"certificateFile"_s, tr("Cer&tificate file"),
                                tr("server.crt — the one uploaded to the app (optional)"), m_browseCertificate);
    connect(m_browseCertificate, &QToolButton::clicked, this, [this, certificateFilter] {
        chooseKeyFile(m_certificateFile, tr("Certificate file"), certificateFilter);
    });
    m_audience =
        addLine(ProfileField::Audience, u"audience"_s, tr("Au&dience"), tr("derived from the Login URL when empty"));
    // The whole width of the page under both columns: fingerprints and its buttons need the room.
    m_keyPanel = new KeyMaterialPanel(this);
    auto *page = qobject_cast<QScrollArea *>(widget(int(Page::Keys)))->widget();
    qobject_cast<QVBoxLayout *>(page->layout())->insertWidget(1, m_keyPanel);
    connect(m_keyPanel, &KeyMaterialPanel::filesGenerated, this, &ProfileForm::fillGeneratedFiles);
}

void ProfileForm::chooseKeyFile(QLineEdit *edit, const QString &title, const QString &filter)
{
    const QString start = edit->text().isEmpty() ? QString() : QFileInfo(edit->text()).path();
    const QString path = Prompts::openFileName(this, title, start, filter);
    if (!path.isEmpty())
        edit->setText(path);
}

// Both fields at once; the files are read again even when the paths are the ones already there.
void ProfileForm::fillGeneratedFiles(const QString &keyPath, const QString &certificatePath)
{
    m_loading = true; // checked once with both paths in, not once per field
    m_privateKeyFile->setText(keyPath);
    m_certificateFile->setText(certificatePath);
    m_loading = false;
    for (QLineEdit *edit : {m_privateKeyFile, m_certificateFile})
        edit->setToolTip(edit->text());
    m_keyPanel->setProfile(profile(), true);
    revalidate();
    Q_EMIT edited();
}

} // namespace ecalab::ui
