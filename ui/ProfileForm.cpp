#include "ProfileForm.h"

#include "Icons.h"
#include "KeyGenerationForm.h"
#include "KeyMaterialPanel.h"
#include "Style.h"

#include "grants/FlowRegistry.h"
#include "grants/jwtbearer/JwtAudience.h"
#include "profile/LoginUrlAdvice.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
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
    return richTextIcon(iconName, 13, IconAlign::Baseline) +
           u" <span style=\"color:%1\">%2</span>"_s.arg(color, problemText(problem).toHtmlEscaped());
}

QFormLayout *formColumn()
{
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    form->setVerticalSpacing(6);
    return form;
}
} // namespace

ProfileForm::ProfileForm(QWidget *parent) : QTabWidget(parent)
{
    setObjectName(u"settingsTabs"_s);
    setDocumentMode(true);
    addTab(buildPage(Page::App, u"appSettingsPage"_s), tr("App settings"));
    addTab(buildPage(Page::Flow, u"flowSettingsPage"_s), tr("Flow"));
    addTab(buildPage(Page::Keys, u"keySettingsPage"_s), tr("Keys"));
    buildAppRows();
    buildFlowRows();
    buildKeyRows();
    setCornerWidget(buildActions(), Qt::TopRightCorner);
    applyFlow(nullptr);
    revalidate();
}

// One scroll area per page, and nothing else scrolls inside it.
QWidget *ProfileForm::buildPage(Page page, const QString &name)
{
    auto *content = new QWidget;
    content->setObjectName(name);
    auto *columns = new QHBoxLayout;
    columns->setSpacing(24);
    for (int column = 0; column < 2; ++column) {
        m_columns[int(page)][column] = formColumn();
        columns->addLayout(m_columns[int(page)][column], column == 0 ? 3 : 2);
    }
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addLayout(columns);
    layout->addStretch(1);
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(name + u"Scroll"_s);
    scroll->setAccessibleName(page == Page::App    ? tr("App settings")
                              : page == Page::Flow ? tr("Flow settings")
                                                   : tr("Keys"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    return scroll;
}

// Save / Revert and a one-line state note, in the tab bar's corner where they stay visible.
QWidget *ProfileForm::buildActions()
{
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

    auto *actions = new QWidget(this);
    actions->setObjectName(u"profileActions"_s);
    auto *buttons = new QHBoxLayout(actions);
    buttons->setContentsMargins(0, 0, 4, 2);
    buttons->addWidget(m_saveNote);
    buttons->addSpacing(8);
    buttons->addWidget(m_revert);
    buttons->addWidget(m_save);
    return actions;
}

// Shows the fields the flow declares and the notes for those it leaves out; no flow: every field.
void ProfileForm::applyFlow(const FlowDescriptor *flow)
{
    bool pageUsed[3] = {};
    for (auto it = m_rows.begin(); it != m_rows.end(); ++it) {
        const ProfileField field = it.key();
        Row &row = it.value();
        QString note;
        bool declared = !flow || field == ProfileField::Name;
        if (flow) {
            for (const FlowFieldUse &use : flow->fields)
                declared = declared || use.field == field;
            for (const FlowFieldNote &n : flow->notes)
                note = n.field == field ? n.note : note;
        }
        row.editRow->setVisible(declared);
        row.note->setText(declared ? QString() : note);
        row.note->setVisible(!declared && !note.isEmpty());
        row.form->setRowVisible(row.box, declared || !note.isEmpty());
        pageUsed[int(row.page)] = pageUsed[int(row.page)] || declared || !note.isEmpty(); // a note says why
    }
    m_keyPanel->setVisible(!m_rows[ProfileField::PrivateKeyFile].editRow->isHidden()); // with the key row
    for (Page page : {Page::App, Page::Flow, Page::Keys})
        setTabVisible(int(page), pageUsed[int(page)]);
    setTabText(int(Page::Flow), flow ? tr("Flow: %1").arg(flow->title) : tr("Flow"));
    setTabToolTip(int(Page::Flow), flow ? flow->summary : QString());
    if (!isTabVisible(currentIndex()))
        setCurrentIndex(int(Page::App));
}

QList<ProfileField> ProfileForm::shownFields() const
{
    QList<ProfileField> out;
    for (ProfileField field : m_order) {
        const Row &row = m_rows[field];
        if (isTabVisible(int(row.page)) && !row.box->isHidden() && !row.editRow->isHidden())
            out.append(field);
    }
    return out;
}

QString ProfileForm::fieldNote(ProfileField field) const
{
    const auto it = m_rows.find(field);
    return it == m_rows.end() || it->note->isHidden() ? QString() : it->note->text();
}

void ProfileForm::setProfile(const Profile &profile)
{
    KeyGenerationForm *generation = m_keyPanel->generationForm();
    if (generation->isGenerating())
        generation->cancel(); // the key was for the profile shown before: its fields are not this one's
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
    m_certificateFile->setText(profile.certificateFile);
    m_audience->setText(profile.audience);
    m_assertionLifetime->setValue(profile.assertionLifetimeSeconds);
    m_prompt->setText(profile.prompt);
    m_loginHint->setText(profile.loginHint);
    if (!profile.display.isEmpty() && m_display->findData(profile.display) < 0)
        m_display->addItem(profile.display, profile.display); // a value this version does not list is kept
    m_display->setCurrentIndex(profile.display.isEmpty() ? 0 : m_display->findData(profile.display));
    m_deviceDialect->setCurrentIndex(std::max(0, m_deviceDialect->findData(deviceDialectName(profile.deviceDialect))));
    m_deviceCodeLifetime->setValue(profile.deviceCodeLifetimeSeconds);
    showHeadless(profile);
    m_unknownFields = profile.unknownFields;
    for (QLineEdit *edit : findChildren<QLineEdit *>()) {
        if (m_keyPanel->isAncestorOf(edit))
            continue; // the key generation form's fields are not the profile's
        edit->setCursorPosition(0); // show the start of long values (consumer keys, URLs)
        edit->setToolTip(edit == m_clientSecret ? QString() : edit->text());
    }
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
    p.certificateFile = m_certificateFile->text().trimmed();
    p.audience = m_audience->text().trimmed();
    p.assertionLifetimeSeconds = m_assertionLifetime->value();
    p.prompt = m_prompt->text().simplified();
    p.loginHint = m_loginHint->text();
    p.display = m_display->currentData().toString();
    const QString dialect = m_deviceDialect->currentData().toString();
    p.deviceDialect = dialect == u"salesforce" ? DeviceDialect::Salesforce
                      : dialect == u"rfc8628"  ? DeviceDialect::Rfc8628
                                               : DeviceDialect::Auto;
    p.deviceCodeLifetimeSeconds = m_deviceCodeLifetime->value();
    readHeadless(p);
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
    applyFlow(FlowRegistry::instance().find(flowName));
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
             qobject_cast<QSpinBox *>(child) || child == m_browseKey || child == m_browseCertificate ||
             child == m_useSuggestedLoginUrl || child == m_forgetSitePassword))
            child->setEnabled(editable);
    }
    m_keyPanel->setEditable(editable);
}

void ProfileForm::setProblemsShown(bool shown)
{
    if (shown == m_problemsShown)
        return;
    m_problemsShown = shown;
    showProblems();
}

void ProfileForm::setServices(const Clock *clock, DemoOrg *demo)
{
    m_keyPanel->setClock(clock);
    m_keyPanel->setDemo(demo);
    m_demo = demo;
    revalidate();
}

void ProfileForm::onEdited()
{
    if (m_loading)
        return; // setProfile and setSecret check the whole profile once, when every field is in
    if (auto *edit = qobject_cast<QLineEdit *>(sender()); edit && edit != m_clientSecret)
        edit->setToolTip(edit->text()); // the whole value, however narrow the field
    revalidate();
    Q_EMIT edited();
}

bool ProfileForm::hasBlockingProblems() const
{
    return std::any_of(m_problems.begin(), m_problems.end(), [](const FieldProblem &p) { return p.blocking; });
}

void ProfileForm::focusFirstProblem()
{
    for (const FieldProblem &problem : std::as_const(m_problems)) {
        const auto it = m_rows.find(problem.field);
        if (it != m_rows.end() && isTabVisible(int(it->page))) {
            setCurrentIndex(int(it->page));
            it->editor->setFocus(Qt::OtherFocusReason);
            return;
        }
    }
}

void ProfileForm::revalidate()
{
    const Profile edited = profile();
    m_problems = validateProfile(edited, m_flowName);
    addCustomDataProblem(m_problems);
    addDemoSiteProblem(m_problems);
    showProblems();
    showLoginUrlAdvice(m_loginUrl->text());
    showDerivedAudience();
    m_keyPanel->setProfile(edited);
}

// An empty Audience says what the assertion will name and why, as the Login URL changes.
void ProfileForm::showDerivedAudience()
{
    Profile derivedFrom = profile();
    derivedFrom.audience.clear();
    const AudienceChoice choice = chooseAudience(derivedFrom);
    m_audience->setPlaceholderText(tr("%1 — %2").arg(choice.audience, choice.reason));
    if (m_audience->text().isEmpty())
        m_audience->setToolTip(tr("Derived: %1 (%2)").arg(choice.audience, choice.reason));
}

// Each problem at its field; a tab whose fields have problems carries the worst one's icon.
void ProfileForm::showProblems()
{
    const bool dark = isDark(palette());
    int worst[3] = {}; // 0 none, 1 warning, 2 blocking
    for (auto it = m_rows.begin(); it != m_rows.end(); ++it) {
        QStringList lines;
        for (const FieldProblem &problem : std::as_const(m_problems)) {
            if (!m_problemsShown || problem.field != it.key())
                continue;
            lines.append(problemHtml(problem, dark));
            int &pageWorst = worst[int(it->page)];
            pageWorst = std::max(pageWorst, problem.blocking ? 2 : 1);
        }
        it->problem->setText(lines.join(u"<br>"_s));
        it->problem->setVisible(!lines.isEmpty());
        it->problem->setAccessibleName(lines.isEmpty() ? QString() : tr("Problem"));
    }
    for (Page page : {Page::App, Page::Flow, Page::Keys}) {
        const int w = worst[int(page)];
        setTabIcon(int(page), w == 0 ? QIcon() : icon(w == 2 ? u"error"_s : u"warning"_s));
    }
}

// What kind of host was typed and, for the usual paste mistakes (a Lightning or Setup page, no
// https://), a one-click fix; why it will not work is said once — by the flow's problem at the
// field when it has one, else here.
void ProfileForm::showLoginUrlAdvice(const QString &typed)
{
    const LoginUrlAdvice advice = adviseLoginUrl(typed);
    const bool saidAtTheField = std::any_of(m_problems.begin(), m_problems.end(), [](const FieldProblem &p) {
        return p.field == ProfileField::LoginUrl;
    });
    QString html = advice.note.toHtmlEscaped();
    if (advice.warning && !saidAtTheField) {
        const QString color = isDark(palette()) ? u"#ffc078"_s : u"#a65b00"_s;
        html = richTextIcon(u"warning"_s, 13, IconAlign::Baseline) + u" <span style=\"color:%1\">%2</span>"_s
                   .arg(color, (advice.note.isEmpty() ? advice.message : advice.note + u" — "_s + advice.message)
                                   .toHtmlEscaped());
    }
    m_loginNote->setText(html);
    m_loginNote->setVisible(!html.isEmpty());
    const bool offer = advice.warning && !advice.suggestion.isEmpty();
    const QString suggestion = advice.suggestion.toString();
    m_useSuggestedLoginUrl->setVisible(offer);
    m_useSuggestedLoginUrl->setProperty("suggestion", suggestion);
    m_useSuggestedLoginUrl->setText(offer ? tr("Use %1").arg(suggestion) : QString());
    m_useSuggestedLoginUrl->setToolTip(offer ? tr("Replace the Login URL with %1").arg(suggestion) : QString());
    m_useSuggestedLoginUrl->setAccessibleName(offer ? tr("Use the suggested Login URL") : QString());
}

} // namespace ecalab::ui
