#include "TrafficPanel.h"

#include "CopyFeedback.h"
#include "ExchangeText.h"
#include "Icons.h"
#include "Prompts.h"
#include "SecretField.h"
#include "Style.h"

#include "http/ExchangeLog.h"

#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <utility>

namespace ecalab::ui {

using namespace Qt::Literals::StringLiterals;

namespace {
QPlainTextEdit *messageView(const QString &name, const QString &accessible, QWidget *parent)
{
    auto *view = new QPlainTextEdit(parent);
    view->setObjectName(name);
    view->setAccessibleName(accessible);
    view->setReadOnly(true);
    view->setFont(monospaceFont());
    view->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    view->setPlaceholderText(QObject::tr("Select an exchange above."));
    return view;
}
} // namespace

TrafficPanel::TrafficPanel(QWidget *parent)
    : QWidget(parent), m_table(new QTableView(this)), m_splitter(new QSplitter(Qt::Vertical, this)),
      m_summary(new QLabel(this)), m_request(messageView(u"requestView"_s, tr("Request"), this)),
      m_response(messageView(u"responseView"_s, tr("Response"), this)), m_secretsBox(new QWidget(this)),
      m_secretsLayout(new QHBoxLayout(m_secretsBox)), m_reveals(new RevealGroup(this)),
      m_copyCurl(new QPushButton(icon(u"copy"_s), tr("Copy as curl"), this)),
      m_exportHar(new QPushButton(icon(u"export"_s), tr("Export HAR…"), this))
{
    setObjectName(u"trafficPanel"_s);
    m_splitter->setObjectName(u"trafficSplitter"_s);
    m_table->setObjectName(u"trafficTable"_s);
    m_table->setAccessibleName(tr("Exchanges"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_summary->setObjectName(u"exchangeSummary"_s);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_copyCurl->setObjectName(u"copyCurlButton"_s);
    m_copyCurl->setAccessibleName(tr("Copy as curl"));
    m_copyCurl->setToolTip(tr("Copy the selected request as a curl command that runs as pasted: "
                              "secrets are read from ECALAB_… variables, never copied"));
    m_exportHar->setObjectName(u"exportHarButton"_s);
    m_exportHar->setAccessibleName(tr("Export HAR"));
    m_exportHar->setToolTip(tr("Save every exchange of this run as a HAR file, secrets masked"));
    m_secretsBox->setObjectName(u"exchangeSecrets"_s);
    m_secretsLayout->setContentsMargins(0, 0, 0, 0);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_summary, 1);
    bar->addWidget(m_copyCurl);
    bar->addWidget(m_exportHar);
    auto *messages = new QSplitter(Qt::Horizontal, this);
    messages->setObjectName(u"messageSplitter"_s);
    messages->addWidget(m_request);
    messages->addWidget(m_response);
    auto *detail = new QWidget(this);
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 4, 0, 0);
    detailLayout->addLayout(bar);
    detailLayout->addWidget(messages, 1);
    detailLayout->addWidget(m_secretsBox);
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(detail);
    m_splitter->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_splitter);

    connect(m_copyCurl, &QPushButton::clicked, this, &TrafficPanel::copyCurl);
    connect(m_exportHar, &QPushButton::clicked, this, &TrafficPanel::exportHar);
    updateButtons();
}

void TrafficPanel::setLog(ExchangeLog *log)
{
    m_log = log;
    m_table->setModel(log);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(ExchangeLog::UrlColumn, QHeaderView::Stretch);
    for (int column :
         {ExchangeLog::StageColumn, ExchangeLog::MethodColumn, ExchangeLog::StatusColumn, ExchangeLog::TimeColumn})
        header->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    auto count = [this] {
        updateButtons();
        Q_EMIT countChanged(m_log ? m_log->rowCount() : 0);
    };
    connect(log, &QAbstractItemModel::rowsInserted, this, [this, count] {
        count();
        if (!m_table->currentIndex().isValid() || m_table->currentIndex().row() == m_log->rowCount() - 2)
            m_table->selectRow(m_log->rowCount() - 1); // follow the run while the user has not picked another
    });
    connect(log, &QAbstractItemModel::modelReset, this, [this, count] {
        count();
        m_shownId = 0;
        showSelected();
    });
    connect(log, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &first, const QModelIndex &last) {
        const int shown = m_table->currentIndex().row();
        if (shown < first.row() || shown > last.row())
            return; // another exchange changed: the texts on show are still right
        m_shownId = 0; // the selected exchange may have completed: show its answer
        showSelected();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &TrafficPanel::showSelected);
}

const Exchange *TrafficPanel::selectedExchange() const
{
    if (!m_log || !m_table->currentIndex().isValid())
        return nullptr;
    return m_log->find(m_log->index(m_table->currentIndex().row(), 0).data(Qt::UserRole).toInt());
}

void TrafficPanel::setLookedAt(bool lookedAt)
{
    m_lookedAt = lookedAt;
    if (lookedAt && std::exchange(m_showPending, false)) {
        m_shownId = 0;
        showSelected();
    }
}

void TrafficPanel::showSelected()
{
    if (!m_lookedAt) {
        m_showPending = true;
        updateButtons(); // Copy as curl still copies the selected exchange
        return;
    }
    const Exchange *exchange = selectedExchange();
    const int id = exchange ? exchange->id : 0;
    if (id == m_shownId && id != 0)
        return;
    m_shownId = id;
    m_revealedIndex = -1;
    if (!exchange) {
        m_summary->clear();
        m_request->clear();
        m_response->clear();
    } else {
        const QString status = exchange->inFlight()                 ? tr("in flight")
                               : exchange->transportError.isEmpty() ? statusText(exchange->response.status)
                                                                    : tr("failed: %1").arg(exchange->transportError);
        m_summary->setText(u"<b>%1</b> %2 → <b>%3</b> · %4 · %5"_s.arg(
            QString::fromLatin1(exchange->request.method),
            exchange->request.url.toString(QUrl::RemoveQuery).toHtmlEscaped(), status.toHtmlEscaped(),
            exchange->inFlight() ? u"…"_s : tr("%1 ms").arg(exchange->elapsedMs), exchange->stage.toHtmlEscaped()));
    }
    rebuildSecrets(exchange);
    renderTexts();
    updateButtons();
}

void TrafficPanel::renderTexts()
{
    const Exchange *exchange = selectedExchange();
    if (!exchange)
        return;
    const SecretValue *revealed = m_revealedIndex >= 0 && m_revealedIndex < exchange->secrets.size()
                                      ? &exchange->secrets.at(m_revealedIndex)
                                      : nullptr;
    m_request->setPlainText(requestText(*exchange, revealed));
    m_response->setPlainText(responseText(*exchange, revealed));
}

void TrafficPanel::rebuildSecrets(const Exchange *exchange)
{
    while (QLayoutItem *item = m_secretsLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const qsizetype count = exchange ? exchange->secrets.size() : 0;
    m_secretsBox->setVisible(count > 0);
    if (!count)
        return;
    auto *label = new QLabel(tr("Masked in this exchange:"), m_secretsBox);
    m_secretsLayout->addWidget(label);
    for (int i = 0; i < count; ++i) {
        const SecretValue &secret = exchange->secrets.at(i);
        auto *field = new SecretField(u"exchangeSecret%1"_s.arg(i), secret.label, m_secretsBox);
        field->setValue(QString::fromUtf8(secret.value));
        field->setToolTip(secret.label);
        auto *name = new QLabel(secret.label, m_secretsBox);
        name->setFont(monospaceFont());
        m_secretsLayout->addWidget(name);
        m_secretsLayout->addWidget(field, 1);
        m_reveals->add(field);
        connect(field, &SecretField::revealChanged, this, [this, i](bool revealed) {
            if (revealed)
                m_revealedIndex = i;
            else if (m_revealedIndex == i)
                m_revealedIndex = -1;
            renderTexts();
        });
    }
}

void TrafficPanel::updateButtons()
{
    m_copyCurl->setEnabled(selectedExchange() != nullptr);
    m_exportHar->setEnabled(m_log && m_log->rowCount() > 0);
}

void TrafficPanel::copyCurl()
{
    if (const Exchange *exchange = selectedExchange())
        copyWithFeedback(m_copyCurl, exchange->toCurl());
}

bool TrafficPanel::exportHar()
{
    if (!m_log || m_log->rowCount() == 0)
        return false;
    const QString suggested =
        QDir::home().filePath(u"ecalab-%1.har"_s.arg(QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s)));
    const QString path =
        Prompts::saveFileName(this, tr("Export HAR"), suggested, tr("HAR files (*.har);;All files (*)"));
    if (path.isEmpty())
        return false;
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(QJsonDocument(harDocument(m_log->exchanges())).toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        Q_EMIT exportFailed(tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
        return false;
    }
    Q_EMIT exported(path);
    return true;
}

} // namespace ecalab::ui
