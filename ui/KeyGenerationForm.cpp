#include "KeyGenerationForm.h"

#include "Icons.h"
#include "Prompts.h"
#include "Style.h"

#include "crypto/KeyGeneration.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace ecalab::ui {

using namespace Qt::Literals::StringLiterals;

namespace {
// Generating a 4096-bit key takes a moment: say so with the cursor while the window waits.
struct BusyCursor
{
    BusyCursor() { QApplication::setOverrideCursor(Qt::WaitCursor); }
    ~BusyCursor() { QApplication::restoreOverrideCursor(); }
    BusyCursor(const BusyCursor &) = delete;
    BusyCursor &operator=(const BusyCursor &) = delete;
};
} // namespace

KeyGenerationForm::KeyGenerationForm(QWidget *parent)
    : QWidget(parent), m_commonName(new QLineEdit(this)), m_days(new QSpinBox(this)), m_bits(new QComboBox(this)),
      m_folder(new QLineEdit(this)), m_problem(new QLabel(this)),
      m_generateButton(new QPushButton(tr("Generate"), this))
{
    setObjectName(u"keyGenerationForm"_s);
    setAccessibleName(tr("Generate key and certificate"));
    m_commonName->setObjectName(u"keyGenCommonNameEdit"_s);
    m_commonName->setAccessibleName(tr("Common name"));
    m_commonName->setToolTip(tr("The certificate's subject CN: a name to recognise it by in the app's settings"));
    m_days->setObjectName(u"keyGenDaysSpin"_s);
    m_days->setAccessibleName(tr("Valid for days"));
    m_days->setRange(1, crypto::kMaxValidDays);
    m_days->setValue(crypto::kDefaultValidDays);
    m_days->setSuffix(tr(" days"));
    m_bits->setObjectName(u"keyGenBitsCombo"_s);
    m_bits->setAccessibleName(tr("Key size"));
    for (int bits : {2048, 3072, 4096})
        m_bits->addItem(tr("RSA %1 bits").arg(bits), bits);
    m_problem->setObjectName(u"keyGenProblem"_s);
    m_problem->setWordWrap(true);
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_problem->hide();
    m_generateButton->setObjectName(u"keyGenGenerateButton"_s);
    auto *cancel = new QPushButton(tr("Cancel"), this);
    cancel->setObjectName(u"keyGenCancelButton"_s);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Common name"), m_commonName);
    form->addRow(tr("Valid for"), m_days);
    form->addRow(tr("Key size"), m_bits);
    form->addRow(tr("Folder"), buildFolderRow());
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(cancel);
    buttons->addWidget(m_generateButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 4);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addLayout(buttons);

    connect(m_generateButton, &QPushButton::clicked, this, &KeyGenerationForm::generate);
    connect(cancel, &QPushButton::clicked, this, &QWidget::hide);
}

QWidget *KeyGenerationForm::buildFolderRow()
{
    m_folder->setObjectName(u"keyGenFolderEdit"_s);
    m_folder->setAccessibleName(tr("Folder"));
    m_folder->setToolTip(tr("private.key (readable by you only) and certificate.crt are written here"));
    m_browseFolder = new QToolButton(this);
    m_browseFolder->setObjectName(u"keyGenFolderBrowseButton"_s);
    m_browseFolder->setIcon(icon(u"folder"_s));
    m_browseFolder->setAccessibleName(tr("Choose folder"));
    m_browseFolder->setToolTip(tr("Choose the folder"));
    connect(m_browseFolder, &QToolButton::clicked, this, &KeyGenerationForm::chooseFolder);
    auto *row = new QWidget(this);
    auto *h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    h->addWidget(m_folder, 1);
    h->addWidget(m_browseFolder);
    return row;
}

void KeyGenerationForm::open(const QString &commonName, const QString &folder)
{
    if (m_commonName->text().isEmpty())
        m_commonName->setText(commonName);
    if (m_folder->text().isEmpty())
        m_folder->setText(QDir::toNativeSeparators(folder));
    m_problem->hide();
    show();
    m_commonName->setFocus(Qt::OtherFocusReason);
}

void KeyGenerationForm::chooseFolder()
{
    const QString folder = Prompts::directory(this, tr("Folder for the key and certificate"), m_folder->text());
    if (!folder.isEmpty())
        m_folder->setText(QDir::toNativeSeparators(folder));
}

// Makes the pair and writes it; files already there are replaced only when the person says so.
void KeyGenerationForm::generate()
{
    const QString commonName = m_commonName->text().trimmed();
    const QString folder = QDir::fromNativeSeparators(m_folder->text().trimmed());
    if (commonName.isEmpty() || folder.isEmpty())
        return showProblem(tr("Enter a common name and a folder."));
    const QDateTime now = m_now ? m_now() : QDateTime::currentDateTimeUtc();
    BusyCursor busy;
    auto pair = crypto::generateKeyPair(m_bits->currentData().toInt(), commonName, m_days->value(), now);
    if (!pair)
        return showProblem(pair.error().message + u' ' + pair.error().fix);
    auto written = crypto::writeKeyPair(*pair, folder, false);
    if (!written && written.error().kind == crypto::KeyProblem::Kind::FileExists &&
        Prompts::confirm(this, tr("Replace the key files?"),
                         tr("%1 already holds a key or certificate. Replace them? The old key is lost, and an app "
                            "that has the old certificate will refuse the new key.")
                             .arg(QDir::toNativeSeparators(folder)),
                         tr("Replace")))
        written = crypto::writeKeyPair(*pair, folder, true);
    if (!written)
        return showProblem(written.error().message + u' ' + written.error().fix);
    m_problem->hide();
    Q_EMIT generated(written->keyPath, written->certificatePath);
}

void KeyGenerationForm::showProblem(const QString &text)
{
    m_problem->setText(text.trimmed());
    m_problem->show();
}

} // namespace ecalab::ui
