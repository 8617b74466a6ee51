#include "KeyGenerationForm.h"

#include "Icons.h"
#include "Prompts.h"
#include "Style.h"

#include "crypto/KeyGeneration.h"
#include "WrappingLabel.h"

#include <QComboBox>
#include <QDir>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QThread>
#include <QToolButton>
#include <QVBoxLayout>

#include <openssl/crypto.h>

#include <optional>
#include <utility>

namespace ecalab::ui {

using namespace Qt::Literals::StringLiterals;

// One generation: what the person asked for, and what the worker thread made of it.
struct KeyGenerationForm::Job
{
    int bits = crypto::kDefaultKeyBits;
    QString commonName;
    int days = crypto::kDefaultValidDays;
    QDateTime now;
    QString folder;
    std::optional<Expected<crypto::GeneratedKeyPair, crypto::KeyProblem>> pair; // set on the worker thread
};

KeyGenerationForm::KeyGenerationForm(QWidget *parent)
    : QWidget(parent), m_commonName(new QLineEdit(this)), m_days(new QSpinBox(this)), m_bits(new QComboBox(this)),
      m_folder(new QLineEdit(this)), m_problem(new WrappingLabel(this)),
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
    layout->addWidget(buildProgressRow());
    layout->addLayout(buttons);

    connect(m_generateButton, &QPushButton::clicked, this, &KeyGenerationForm::generate);
    connect(cancel, &QPushButton::clicked, this, &KeyGenerationForm::cancel);
}

KeyGenerationForm::~KeyGenerationForm()
{
    if (m_worker) { // RSA key generation cannot be interrupted: at most a few seconds, on closing
        m_worker->wait();
        delete m_worker;
    }
}

QWidget *KeyGenerationForm::buildProgressRow()
{
    m_progress = new QWidget(this);
    m_progress->setObjectName(u"keyGenProgress"_s);
    m_progressText = new QLabel(m_progress);
    m_progressText->setObjectName(u"keyGenProgressText"_s);
    makeMuted(m_progressText);
    m_progressBar = new QProgressBar(m_progress);
    m_progressBar->setRange(0, 0); // how long a prime search takes cannot be known: it only moves
    m_progressBar->setTextVisible(false);
    m_progressBar->setMaximumWidth(120);
    m_progressBar->setAccessibleName(tr("Generating"));
    auto *row = new QHBoxLayout(m_progress);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_progressText, 1);
    row->addWidget(m_progressBar);
    m_progress->hide();
    return m_progress;
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

void KeyGenerationForm::cancel()
{
    m_dropResult = m_worker != nullptr;
    hide();
}

// Makes the pair on a worker thread; onGenerated writes it.
void KeyGenerationForm::generate()
{
    if (m_worker)
        return;
    auto job = std::make_shared<Job>();
    job->commonName = m_commonName->text().trimmed();
    job->folder = QDir::fromNativeSeparators(m_folder->text().trimmed());
    if (job->commonName.isEmpty() || job->folder.isEmpty())
        return showProblem(tr("Enter a common name and a folder."));
    job->bits = m_bits->currentData().toInt();
    job->days = m_days->value();
    job->now = m_now ? m_now() : QDateTime::currentDateTimeUtc();
    m_worker = QThread::create([job] {
        job->pair.emplace(crypto::generateKeyPair(job->bits, job->commonName, job->days, job->now));
        OPENSSL_thread_stop(); // the thread's OpenSSL state goes with it, not at process exit
    });
    m_worker->setObjectName(u"keyGeneration"_s);
    connect(m_worker, &QThread::finished, this, [this, job] { onGenerated(*job); });
    m_dropResult = false;
    setGenerating(true, job->bits);
    m_worker->start();
}

// Writes the pair; files already there are replaced only when the person says so.
void KeyGenerationForm::onGenerated(const Job &job)
{
    m_worker->wait(); // finished is emitted on its way out: let it be out
    delete std::exchange(m_worker, nullptr);
    setGenerating(false);
    if (std::exchange(m_dropResult, false))
        return;
    const auto &pair = *job.pair;
    if (!pair)
        return showProblem(pair.error().message + u' ' + pair.error().fix);
    const QString &folder = job.folder;
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

void KeyGenerationForm::setGenerating(bool generating, int bits)
{
    m_generateButton->setEnabled(!generating);
    m_progressText->setText(generating ? tr("Making an RSA %1-bit key and its certificate…").arg(bits) : QString());
    m_progress->setVisible(generating);
    if (generating) {
        m_problem->hide();
        setCursor(Qt::BusyCursor); // busy, not blocked: the rest of the window still answers
    } else {
        unsetCursor();
    }
}

void KeyGenerationForm::showProblem(const QString &text)
{
    m_problem->setText(text.trimmed());
    m_problem->show();
}

} // namespace ecalab::ui
