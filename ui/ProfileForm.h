#pragma once

#include "ProfileValidation.h"

#include "profile/Profile.h"

#include <QHash>
#include <QTabWidget>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QToolButton;

namespace ecalab {
class Clock;
struct FlowDescriptor;
} // namespace ecalab

namespace ecalab::ui {

class DemoOrg;
class KeyMaterialPanel;

// The settings tabs: "App settings" (the org and app every flow shares), "Flow: <title>" (the
// selected flow's own fields) and "Keys" — each showing only the fields the selected flow declares
// in the registry (FlowDescriptor::fields), validated as the user types. It edits a copy of the
// whole profile, shown or not; the controller decides what becomes of it (ProfileController).
class ProfileForm : public QTabWidget
{
    Q_OBJECT
public:
    enum class Page { App, Flow, Keys };

    explicit ProfileForm(QWidget *parent = nullptr);

    void setProfile(const Profile &profile); // does not emit edited()
    Profile profile() const;
    void setSecret(const QString &secret); // does not emit edited()
    void setSecretNote(const QString &note);
    // Under the username of the headless flows: that the site user's password is kept in the
    // keychain, with Forget; empty: nothing shown.
    void setSitePasswordNote(const QString &note);
    void setFlowName(const QString &flowName); // shows that flow's fields and checks them
    void setSaveState(bool canSave, bool dirty, const QString &why);
    void setEditable(bool editable);
    // Whether the problems found show at the fields and on the tabs (they are still found: Run
    // refuses them either way); not for a profile that is not there yet (the demo org starting).
    void setProblemsShown(bool shown);
    // The clock the Keys view dates certificates by, and the demo org it may install one on.
    void setServices(const Clock *clock, DemoOrg *demo);
    KeyMaterialPanel *keyPanel() const { return m_keyPanel; }

    // The fields on show for the selected flow (a visible tab, a visible row), in form order.
    QList<ProfileField> shownFields() const;
    // The note shown instead of a field the flow leaves out on purpose (empty if none).
    QString fieldNote(ProfileField field) const;

    const QList<FieldProblem> &problems() const { return m_problems; }
    bool hasBlockingProblems() const;
    void focusFirstProblem();

Q_SIGNALS:
    void edited();
    void saveRequested();
    void revertRequested();
    void forgetSitePasswordRequested();

private:
    struct Row
    {
        Page page;
        QFormLayout *form = nullptr;
        QWidget *box = nullptr;     // the editor row, the note and the problem line
        QWidget *editRow = nullptr; // hidden when the flow leaves the field out with a note
        QLabel *note = nullptr;
        QLabel *problem = nullptr;
        QWidget *editor = nullptr; // focus target
    };

    QWidget *buildPage(Page page, const QString &name);
    QWidget *buildActions();
    void addRow(ProfileField field, const QString &name, const QString &label, QWidget *editRow, QWidget *editor);
    QLineEdit *addLine(ProfileField field, const QString &name, const QString &label, const QString &placeholder,
                       QWidget *trailing = nullptr);
    QComboBox *addCombo(ProfileField field, const QString &name, const QString &label,
                        const QList<std::pair<QString, QString>> &items);
    void buildAppRows();
    void buildSecretRow();
    void buildFlowRows();
    void buildAuthorizeRows();
    void buildDeviceRows();
    void buildKeyRows();
    void buildAssertionLifetimeRow();
    // The headless flows' rows (HeadlessRows.cpp): the new user's data, where the code goes,
    // customData as JSON, reCAPTCHA, the guest's visitor ID.
    void buildHeadlessRows();
    void buildSitePasswordNote();
    void showHeadless(const Profile &profile);
    void readHeadless(Profile &p) const;
    void addCustomDataProblem(FieldProblems &problems) const;
    void addDemoSiteProblem(FieldProblems &problems) const;
    QToolButton *browseButton(const QString &name, const QString &what);
    void addLoginUrlAdvice();
    void applyFlow(const FlowDescriptor *flow);
    void onEdited();
    void revalidate();
    void showProblems();
    void showLoginUrlAdvice(const QString &typed);
    void chooseKeyFile(QLineEdit *edit, const QString &title, const QString &filter);
    void fillGeneratedFiles(const QString &keyPath, const QString &certificatePath);
    void showDerivedAudience();

    DemoOrg *m_demo = nullptr;
    bool m_loading = false;
    bool m_problemsShown = true;
    QString m_flowName;
    QJsonObject m_unknownFields;
    QList<FieldProblem> m_problems;
    QHash<ProfileField, Row> m_rows;
    QList<ProfileField> m_order;
    QFormLayout *m_columns[3][2] = {};

    QLineEdit *m_name = nullptr;
    QLineEdit *m_loginUrl = nullptr;
    QLabel *m_loginNote = nullptr;
    QPushButton *m_useSuggestedLoginUrl = nullptr;
    QLineEdit *m_siteUrl = nullptr;
    QLineEdit *m_clientId = nullptr;
    QLineEdit *m_clientSecret = nullptr;
    QLabel *m_secretNote = nullptr;
    QLineEdit *m_callbackUrl = nullptr;
    QLineEdit *m_scopes = nullptr;
    QCheckBox *m_pkce = nullptr;
    QComboBox *m_clientAuth = nullptr;
    QLineEdit *m_username = nullptr;
    QLineEdit *m_privateKeyFile = nullptr;
    QToolButton *m_browseKey = nullptr;
    QLineEdit *m_certificateFile = nullptr;
    QToolButton *m_browseCertificate = nullptr;
    KeyMaterialPanel *m_keyPanel = nullptr;
    QLineEdit *m_audience = nullptr;
    QSpinBox *m_assertionLifetime = nullptr;
    QLineEdit *m_prompt = nullptr;
    QLineEdit *m_loginHint = nullptr;
    QComboBox *m_display = nullptr;
    QComboBox *m_deviceDialect = nullptr;
    QSpinBox *m_deviceCodeLifetime = nullptr;
    QComboBox *m_verificationMethod = nullptr;
    QString m_loadedVerificationMethod; // "" and "email" both show as E-mail; read back as loaded
    QLineEdit *m_firstName = nullptr;
    QLineEdit *m_lastName = nullptr;
    QLineEdit *m_email = nullptr;
    QLineEdit *m_customData = nullptr;
    QLineEdit *m_recaptchaToken = nullptr;
    QLineEdit *m_uvid = nullptr;
    QLabel *m_sitePasswordNote = nullptr;
    QPushButton *m_forgetSitePassword = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_revert = nullptr;
    QLabel *m_saveNote = nullptr;
};

} // namespace ecalab::ui
