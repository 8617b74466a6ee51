#include "Icons.h"

#include <QCoreApplication>
#include <QFile>
#include <QHash>
#include <QIconEngine>
#include <QImage>
#include <QPainter>
#include <QTextDocument>
#include <QThread>
#include <QUrl>

// Q_INIT_RESOURCE must be used outside any namespace; a static library's resources are not
// registered unless something references them.
static void initEcalabIcons()
{
    Q_INIT_RESOURCE(icons);
}

namespace ecalab::ui {

using namespace Qt::Literals::StringLiterals;

namespace {
QString iconPath(const QString &name)
{
    static const bool initialised = [] {
        initEcalabIcons();
        return true;
    }();
    Q_UNUSED(initialised);
    return u":/icons/%1.svg"_s.arg(name);
}

// QIcon(path) parses the SVG at once; the window makes dozens of icons it may never draw (menus,
// hidden tabs). This engine reads the file the first time the icon is drawn or measured, then
// hands everything to the ordinary SVG icon (at device pixels: the outer QIcon applies the ratio).
class DeferredSvgIconEngine final : public QIconEngine
{
public:
    explicit DeferredSvgIconEngine(QString path) : m_path(std::move(path)) {}

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state) override
    {
        loaded().paint(painter, rect, Qt::AlignCenter, mode, state);
    }
    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return loaded().pixmap(size, 1.0, mode, state);
    }
    // As the SVG engine answers it: the size of the pixmap it would draw.
    QSize actualSize(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return pixmap(size, mode, state).size();
    }
    QList<QSize> availableSizes(QIcon::Mode mode, QIcon::State state) override
    {
        return loaded().availableSizes(mode, state);
    }
    QIconEngine *clone() const override { return new DeferredSvgIconEngine(m_path); }
    QString key() const override { return u"ecalab-deferred-svg"_s; }
    bool isNull() override { return false; } // every name is a file of icons.qrc

private:
    const QIcon &loaded()
    {
        if (m_icon.isNull())
            m_icon = QIcon(m_path);
        return m_icon;
    }

    QString m_path;
    QIcon m_icon;
};
} // namespace

// One icon per name for the whole window: its pixmaps are rendered once, not once per button.
QIcon icon(const QString &name)
{
    static QHash<QString, QIcon> icons;
    auto it = icons.find(name);
    if (it == icons.end())
        it = icons.insert(name, QIcon(new DeferredSvgIconEngine(iconPath(name))));
    return *it;
}

QPixmap iconPixmap(const QString &name, int size, qreal devicePixelRatio)
{
    QPixmap pixmap = icon(name).pixmap(QSize(size, size), devicePixelRatio);
    return pixmap;
}

namespace {
constexpr QStringView kRichTextIconScheme = u"ecalab-icon";

// At the SVG's own size, as QTextDocument decoded a ":/…" image, so the icons look as they did;
// pixmaps only on the GUI thread (a document elsewhere shows Qt's "missing image" instead).
QVariant richTextIconResource(const QUrl &url)
{
    if (url.scheme() != kRichTextIconScheme || QThread::currentThread() != QCoreApplication::instance()->thread())
        return {};
    static QHash<QString, QPixmap> decoded;
    auto it = decoded.find(url.path());
    if (it == decoded.end()) {
        const QImage image(iconPath(url.path()));
        if (image.isNull())
            return {};
        it = decoded.insert(url.path(), QPixmap::fromImage(image));
    }
    return *it;
}
} // namespace

QString richTextIcon(const QString &name, int size, IconAlign align)
{
    static const bool installed = [] {
        QTextDocument::setDefaultResourceProvider(richTextIconResource);
        return true;
    }();
    Q_UNUSED(installed);
    return u"<img src=\"%1:%2\" width=\"%3\" height=\"%3\"%4>"_s.arg(
        kRichTextIconScheme, name, QString::number(size),
        align == IconAlign::Middle ? u" style=\"vertical-align:middle\""_s : QString());
}

} // namespace ecalab::ui
