#include "ProfileForm.h"

#include "Icons.h"
#include "Prompts.h"
#include "Style.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace ecalab::ui {

using namespace Qt::Literals::StringLiterals;

namespace {
QString problemHtml(const FieldProblem &problem, bool dark)
{
    const QString color =
        problem.blocking ? (dark ? u"#ff8787"_s : u"#c92a2a"_s) : (dark ? u"#ffc078"_s : u"#a65b00"_s);
    const QString iconName = problem.blocking ? u"error"_s : u"warning"_s;
    return u"<img src=\":/icons/%1.svg\" width=\"13\" height=\"13\"> <span style=\"color:%2\">%3</span>"_s.arg(
        iconName, color, problemText(problem).toHtmlEscaped());
}
} // namespace

ProfileForm::ProfileForm(QWidget *parent) : QWidget(parent)
{
    setObjectName(u"profileForm"_s);
    auto *left = new QFormLayout;
    auto *right = new QFormLayout;
    for (QFormLayout *form : {left, right}) {
        form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
        form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
        form->setVerticalSpacing(6);
    }
    buildLeftColumn(left);
    buildRightColumn(right);

    m_save = new QPushButton(icon(u"save"_s), tr("&Save profile"), this);
    m_save->setObjectName(u"saveProfileButton"_s);
    m_save->setAccessibleName(tr("Save profile"));
    m_save->setShortcut(QKeySequence::Save);
    m_save->setToolTip(tr("Save the profile (Ctrl+S); the consumer secret goes to the secret store, never the file"));
    m_revert = new QPushButton(icon(u"revert"_s), tr("Revert"), this);
    m_revert->setObjectName(u"revertProfileButton"_s);
    m_revert->setAccessibleName(tr("Revert profile"));
    m_revert->setToolTip(tr("Forget the edits made since the profile was loaded or saved"));
    m_saveNote = new QLabel(this);
    m_saveNote->setObjectName(u"saveNote"_s);
    makeMuted(m_saveNote);
    connect(m_save, &QPushButton::clicked, this, &ProfileForm::saveRequested);
    connect(m_revert, &QPushButton::clicked, this, &ProfileForm::revertRequested);

    m_actions = new QWidget(this);
    m_actions->setObjectName(u"profileActions"_s);
    auto *buttons = new QHBoxLayout(m_actions);
    buttons->setContentsMargins(0, 0, 4, 2);
    buttons->addWidget(m_saveNote);
    buttons->addSpacing(8);
    buttons->addWidget(m_revert);
    buttons->addWidget(m_save);

    auto *columns = new QHBoxLayout;
    columns->setSpacing(24);
    columns->addLayout(left, 3);
    columns->addLayout(right, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addLayout(columns);
    layout->addStretch(1);
    revalidate();
}

QWidget *ProfileForm::fieldBox(ProfileField field, const QString &name, QWidget *editRow)
{
    auto *box = new QWidget(this);
    box->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(editRow);
    auto *problem = new QLabel(box);
    problem->setObjectName(name + u"Problem"_s);
    problem->setWordWrap(true);
    problem->setTextFormat(Qt::RichText);
    problem->hide();
    layout->addWidget(problem);
    m_problemLabels.insert(field, problem);
    return box;
}

QLineEdit *ProfileForm::addLine(QFormLayout *form, ProfileField field, const QString &name, const QString &label,
                                const QString &placeholder, QWidget *trailing)
{
    auto *edit = new QLineEdit(this);
    edit->setObjectName(name + u"Edit"_s);
    edit->setPlaceholderText(placeholder);
    edit->setClearButtonEnabled(false);
    QString plainLabel = label;
    edit->setAccessibleName(plainLabel.remove(u'&'));
    connect(edit, &QLineEdit::textChanged, this, &ProfileForm::onEdited);
    QWidget *row = edit;
    if (trailing) {
        row = new QWidget(this);
        auto *h = new QHBoxLayout(row);
        h->setContentsMargins(0, 0, 0, 0);
        h->addWidget(edit, 1);
        h->addWidget(trailing);
    }
    auto *labelWidget = new QLabel(label, this);
    labelWidget->setBuddy(edit);
    form->addRow(labelWidget, fieldBox(field, name, row));
    m_fieldEditors.insert(field, edit);
    return edit;
}

void ProfileForm::buildLeftColumn(QFormLayout *form)
{
    m_name = addLine(form, ProfileField::Name, u"name"_s, tr("&Name"), tr("Acme prod – Order Sync"));
    m_loginNote = new QLabel(this);
    m_loginNote->setObjectName(u"loginUrlNote"_s);
    m_loginNote->setMinimumWidth(m_loginNote->fontMetrics().horizontalAdvance(u"This machine (emulator)"_s));
    m_loginUrl = addLine(form, ProfileField::LoginUrl, u"loginUrl"_s, tr("&Login URL"),
                         u"https://acme.my.salesforce.com"_s, m_loginNote);
    m_clientId = addLine(form, ProfileField::ClientId, u"clientId"_s, tr("Consumer &key"), tr("3MVG9…"));

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
    m_secretNote = new QLabel(this);
    m_secretNote->setObjectName(u"secretStorageNote"_s);
    m_secretNote->setWordWrap(true);
    makeMuted(m_secretNote);
    auto *secretBox = fieldBox(ProfileField::ClientSecret, u"clientSecret"_s, m_clientSecret);
    qobject_cast<QVBoxLayout *>(secretBox->layout())->addWidget(m_secretNote);
    auto *secretLabel = new QLabel(tr("Consumer &secret"), this);
    secretLabel->setBuddy(m_clientSecret);
    form->addRow(secretLabel, secretBox);
    m_fieldEditors.insert(ProfileField::ClientSecret, m_clientSecret);

    m_callbackUrl = addLine(form, ProfileField::CallbackUrl, u"callbackUrl"_s, tr("&Callback URL"),
                            u"http://localhost:1717/OauthRedirect"_s);
    m_siteUrl = addLine(form, ProfileField::SiteUrl, u"siteUrl"_s, tr("Si&te URL"),
                        tr("https://acme.my.site.com/customers (headless flows)"));
}

void ProfileForm::buildRightColumn(QFormLayout *form)
{
    m_scopes = addLine(form, ProfileField::Scopes, u"scopes"_s, tr("Sco&pes"), u"api refresh_token openid"_s);
    m_pkce = new QCheckBox(tr("Use PKCE (S256)"), this);
    m_pkce->setObjectName(u"pkceCheck"_s);
    m_pkce->setAccessibleName(tr("PKCE"));
    connect(m_pkce, &QCheckBox::toggled, this, &ProfileForm::onEdited);
    form->addRow(tr("PKCE"), m_pkce);
    buildAuthorizeRows(form);
    m_clientAuth = new QComboBox(this);
    m_clientAuth->setObjectName(u"clientAuthCombo"_s);
    m_clientAuth->setAccessibleName(tr("Client authentication"));
    m_clientAuth->addItem(tr("Secret in the body (client_secret_post)"), u"post"_s);
    m_clientAuth->addItem(tr("HTTP Basic (client_secret_basic)"), u"basic"_s);
    connect(m_clientAuth, &QComboBox::currentIndexChanged, this, &ProfileForm::onEdited);
    auto *authLabel = new QLabel(tr("Client &auth"), this);
    authLabel->setBuddy(m_clientAuth);
    form->addRow(authLabel, m_clientAuth);
    m_username = addLine(form, ProfileField::Username, u"username"_s, tr("&Username"), u"admin@acme.com"_s);
    m_browseKey = new QToolButton(this);
    m_browseKey->setObjectName(u"privateKeyBrowseButton"_s);
    m_browseKey->setIcon(icon(u"folder"_s));
    m_browseKey->setToolTip(tr("Choose the private key file"));
    m_browseKey->setAccessibleName(tr("Choose private key file"));
    connect(m_browseKey, &QToolButton::clicked, this, &ProfileForm::choosePrivateKeyFile);
    m_privateKeyFile = addLine(form, ProfileField::PrivateKeyFile, u"privateKeyFile"_s, tr("Private &key file"),
                               tr("server.key (JWT bearer)"), m_browseKey);
    m_audience = addLine(form, ProfileField::Audience, u"audience"_s, tr("Au&dience"), tr("derived from Login URL"));
    buildDeviceRows(form);
}

// The authorize request's optional parameters (web server flow, reference §3.1).
void ProfileForm::buildAuthorizeRows(QFormLayout *form)
{
    m_prompt = addLine(form, ProfileField::Prompt, u"prompt"_s, tr("P&rompt"), tr("login consent (optional)"));
    m_prompt->setToolTip(tr("Authorize prompt: login forces a fresh login, consent asks to allow again"));
    m_loginHint = addLine(form, ProfileField::LoginHint, u"loginHint"_s, tr("Login &hint"),
                          tr("username to pre-fill (optional)"));
    m_display = new QComboBox(this);
    m_display->setObjectName(u"displayCombo"_s);
    m_display->setAccessibleName(tr("Display"));
    m_display->addItem(tr("Default"), QString());
    for (const QString &value : {u"page"_s, u"popup"_s, u"touch"_s, u"mobile"_s})
        m_display->addItem(value, value);
    m_display->setToolTip(tr("Authorize display: how Salesforce lays out the login and consent pages"));
    connect(m_display, &QComboBox::currentIndexChanged, this, &ProfileForm::onEdited);
    auto *displayLabel = new QLabel(tr("Displa&y"), this);
    displayLabel->setBuddy(m_display);
    form->addRow(displayLabel, m_display);
}

void ProfileForm::buildDeviceRows(QFormLayout *form)
{
    m_deviceDialect = new QComboBox(this);
    m_deviceDialect->setObjectName(u"deviceDialectCombo"_s);
    m_deviceDialect->setAccessibleName(tr("Device flow dialect"));
    m_deviceDialect->addItem(tr("Automatic (from the discovery document)"), u"auto"_s);
    m_deviceDialect->addItem(tr("Salesforce (token endpoint, grant_type=device)"), u"salesforce"_s);
    m_deviceDialect->addItem(tr("RFC 8628 (device authorization endpoint)"), u"rfc8628"_s);
    m_deviceDialect->setToolTip(tr("How the device flow asks for a code and polls (reference §4.4)"));
    connect(m_deviceDialect, &QComboBox::currentIndexChanged, this, &ProfileForm::onEdited);
    auto *dialectLabel = new QLabel(tr("De&vice dialect"), this);
    dialectLabel->setBuddy(m_deviceDialect);
    form->addRow(dialectLabel, m_deviceDialect);

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
    auto *lifetimeLabel = new QLabel(tr("Device code &lifetime"), this);
    lifetimeLabel->setBuddy(m_deviceCodeLifetime);
    form->addRow(lifetimeLabel, m_deviceCodeLifetime);
}

void ProfileForm::choosePrivateKeyFile()
{
    const QString start = m_privateKeyFile->text().isEmpty() ? QString() : QFileInfo(m_privateKeyFile->text()).path();
    const QString path = Prompts::openFileName(this, tr("Private key file"), start,
                                               tr("Keys (*.key *.pem *.p8 *.p12 *.pfx);;All files (*)"));
    if (!path.isEmpty())
        m_privateKeyFile->setText(path);
}

void ProfileForm::setProfile(const Profile &profile)
{
    m_loading = true;
    m_name->setText(profile.name);
    m_loginUrl->setText(profile.loginUrl.toString());
    m_siteUrl->setText(profile.siteUrl.toString());
    m_clientId->setText(profile.clientId);
    m_clientSecret->setText(profile.clientSecret);
    m_callbackUrl->setText(profile.callbackUrl.toString());
    m_scopes->setText(profile.scopes.join(u' '));
    m_pkce->setChecked(profile.pkce);
    m_clientAuth->setCurrentIndex(profile.clientAuth == ClientAuthMethod::Basic ? 1 : 0);
    m_username->setText(profile.username);
    m_privateKeyFile->setText(profile.privateKeyFile);
    m_audience->setText(profile.audience);
    m_prompt->setText(profile.prompt);
    m_loginHint->setText(profile.loginHint);
    if (!profile.display.isEmpty() && m_display->findData(profile.display) < 0)
        m_display->addItem(profile.display, profile.display); // a value this version does not list is kept
    m_display->setCurrentIndex(profile.display.isEmpty() ? 0 : m_display->findData(profile.display));
    m_deviceDialect->setCurrentIndex(std::max(0, m_deviceDialect->findData(deviceDialectName(profile.deviceDialect))));
    m_deviceCodeLifetime->setValue(profile.deviceCodeLifetimeSeconds);
    m_unknownFields = profile.unknownFields;
    for (QLineEdit *edit : findChildren<QLineEdit *>())
        edit->setCursorPosition(0); // show the start of long values (consumer keys, URLs)
    m_loading = false;
    revalidate();
}

Profile ProfileForm::profile() const
{
    Profile p;
    p.name = m_name->text().trimmed();
    p.loginUrl = urlFromField(m_loginUrl->text());
    p.siteUrl = urlFromField(m_siteUrl->text());
    p.clientId = m_clientId->text();
    p.clientSecret = m_clientSecret->text();
    p.callbackUrl = urlFromField(m_callbackUrl->text());
    p.scopes = m_scopes->text().split(QRegularExpression(u"\\s+"_s), Qt::SkipEmptyParts);
    p.pkce = m_pkce->isChecked();
    p.clientAuth =
        m_clientAuth->currentData().toString() == u"basic" ? ClientAuthMethod::Basic : ClientAuthMethod::Post;
    p.username = m_username->text().trimmed();
    p.privateKeyFile = m_privateKeyFile->text().trimmed();
    p.audience = m_audience->text().trimmed();
    p.prompt = m_prompt->text().simplified();
    p.loginHint = m_loginHint->text();
    p.display = m_display->currentData().toString();
    const QString dialect = m_deviceDialect->currentData().toString();
    p.deviceDialect = dialect == u"salesforce" ? DeviceDialect::Salesforce
                      : dialect == u"rfc8628"  ? DeviceDialect::Rfc8628
                                               : DeviceDialect::Auto;
    p.deviceCodeLifetimeSeconds = m_deviceCodeLifetime->value();
    p.unknownFields = m_unknownFields;
    return p;
}

void ProfileForm::setSecret(const QString &secret)
{
    m_loading = true;
    m_clientSecret->setText(secret);
    m_clientSecret->setCursorPosition(0);
    m_loading = false;
    revalidate();
}

void ProfileForm::setSecretNote(const QString &note)
{
    m_secretNote->setText(note);
    m_secretNote->setVisible(!note.isEmpty());
}

void ProfileForm::setFlowName(const QString &flowName)
{
    m_flowName = flowName;
    revalidate();
}

void ProfileForm::setSaveState(bool canSave, bool dirty, const QString &why)
{
    m_save->setEnabled(canSave && dirty);
    m_revert->setEnabled(dirty);
    m_saveNote->setText(m_saveNote->fontMetrics().elidedText(why, Qt::ElideMiddle, 380));
    m_saveNote->setToolTip(why);
}

void ProfileForm::setEditable(bool editable)
{
    for (QWidget *child : findChildren<QWidget *>()) {
        if (child != m_saveNote &&
            (qobject_cast<QLineEdit *>(child) || qobject_cast<QCheckBox *>(child) || qobject_cast<QComboBox *>(child) ||
             qobject_cast<QSpinBox *>(child) || child == m_browseKey))
            child->setEnabled(editable);
    }
}

void ProfileForm::onEdited()
{
    revalidate();
    if (!m_loading)
        Q_EMIT edited();
}

bool ProfileForm::hasBlockingProblems() const
{
    return std::any_of(m_problems.begin(), m_problems.end(), [](const FieldProblem &p) { return p.blocking; });
}

void ProfileForm::focusFirstProblem()
{
    for (const FieldProblem &problem : std::as_const(m_problems)) {
        if (QWidget *editor = m_fieldEditors.value(problem.field)) {
            editor->setFocus(Qt::OtherFocusReason);
            return;
        }
    }
}

void ProfileForm::revalidate()
{
    const Profile p = profile();
    m_problems = validateProfile(p, m_flowName);
    const bool dark = isDark(palette());
    for (auto it = m_problemLabels.begin(); it != m_problemLabels.end(); ++it) {
        QStringList lines;
        for (const FieldProblem &problem : std::as_const(m_problems)) {
            if (problem.field == it.key())
                lines.append(problemHtml(problem, dark));
        }
        it.value()->setText(lines.join(u"<br>"_s));
        it.value()->setVisible(!lines.isEmpty());
        it.value()->setAccessibleName(it.value()->text().isEmpty() ? QString() : tr("Problem"));
    }
    m_loginNote->setText(loginHostNote(p.loginUrl));
}

} // namespace ecalab::ui
