// Build-time host tool: renders the app's SVG icon for each desktop's icon format. Never installed.
//   ecalab_render_icon ICON.svg OUTPUT_DIR NAME SIZE...   OUTPUT_DIR/<S>x<S>/apps/NAME.png (hicolor)
//   ecalab_render_icon --ico ICON.svg OUT.ico SIZE...     one Windows icon, a PNG per size (Vista+)
//   ecalab_render_icon --iconset ICON.svg DIR.iconset     the PNGs macOS's iconutil makes an .icns of
#include <QBuffer>
#include <QCoreApplication>
#include <QDataStream>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>

#include <cstdio>

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr int kMaxSize = 1024;

QImage render(QSvgRenderer &renderer, int size)
{
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    renderer.render(&painter, QRectF(0, 0, size, size));
    return image;
}

bool fail(const QString &message, bool usage = false)
{
    std::fprintf(stderr, "ecalab_render_icon: %s\n", qPrintable(message));
    if (usage)
        std::fprintf(stderr, "usage: ecalab_render_icon ICON.svg OUTPUT_DIR NAME SIZE... | --ico ICON.svg OUT.ico "
                             "SIZE... | --iconset ICON.svg DIR\n");
    return false;
}

bool readSizes(const QStringList &words, QList<int> &sizes)
{
    for (const QString &word : words) {
        bool ok = false;
        const int size = word.toInt(&ok);
        if (!ok || size <= 0 || size > kMaxSize)
            return fail(u"bad size %1"_s.arg(word), true);
        sizes.append(size);
    }
    return !sizes.isEmpty() || fail(u"no sizes"_s, true);
}

bool savePng(QSvgRenderer &renderer, int size, const QString &file)
{
    return (QDir().mkpath(QFileInfo(file).path()) && render(renderer, size).save(file, "PNG")) ||
           fail(u"cannot write %1"_s.arg(file));
}

// ICONDIR, one ICONDIRENTRY per size (0 stands for 256), then each PNG, little-endian throughout.
bool saveIco(QSvgRenderer &renderer, const QList<int> &sizes, const QString &file)
{
    QList<QByteArray> pngs;
    for (const int size : sizes) {
        if (size > 256)
            return fail(u"an .ico holds sizes up to 256, not %1"_s.arg(size));
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        render(renderer, size).save(&buffer, "PNG");
        pngs.append(png);
    }
    QFile out(file);
    if (!out.open(QIODevice::WriteOnly))
        return fail(u"cannot write %1"_s.arg(file));
    QDataStream stream(&out);
    stream.setByteOrder(QDataStream::LittleEndian);
    stream << quint16(0) << quint16(1) << quint16(sizes.size());
    quint32 offset = 6 + 16 * quint32(sizes.size());
    for (qsizetype i = 0; i < sizes.size(); ++i) {
        const quint8 side = sizes[i] == 256 ? 0 : quint8(sizes[i]);
        stream << side << side << quint8(0) << quint8(0) << quint16(1) << quint16(32) << quint32(pngs[i].size())
               << offset;
        offset += quint32(pngs[i].size());
    }
    for (const QByteArray &png : pngs)
        stream.writeRawData(png.constData(), int(png.size()));
    return stream.status() == QDataStream::Ok || fail(u"cannot write %1"_s.arg(file));
}

// The names iconutil expects: icon_<S>x<S>.png and icon_<S>x<S>@2x.png for S in 16…512.
bool saveIconset(QSvgRenderer &renderer, const QString &dir)
{
    for (const int size : {16, 32, 128, 256, 512}) {
        if (!savePng(renderer, size, u"%1/icon_%2x%2.png"_s.arg(dir).arg(size)) ||
            !savePng(renderer, size * 2, u"%1/icon_%2x%2@2x.png"_s.arg(dir).arg(size)))
            return false;
    }
    return true;
}

bool run(const QStringList &args)
{
    const QString mode = args.value(1);
    const bool ico = mode == u"--ico", iconset = mode == u"--iconset";
    const QStringList rest = args.mid(ico || iconset ? 2 : 1);
    if (rest.size() < (iconset ? 2 : 3))
        return fail(u"missing arguments"_s, true);
    QSvgRenderer renderer(rest.at(0));
    if (!renderer.isValid())
        return fail(u"%1 is not a valid SVG"_s.arg(rest.at(0)));
    if (iconset)
        return saveIconset(renderer, rest.at(1));
    QList<int> sizes;
    if (!readSizes(rest.mid(ico ? 2 : 3), sizes))
        return false;
    if (ico)
        return saveIco(renderer, sizes, rest.at(1));
    for (const int size : sizes) {
        if (!savePng(renderer, size, u"%1/%2x%2/apps/%3.png"_s.arg(rest.at(1)).arg(size).arg(rest.at(2))))
            return false;
    }
    return true;
}
} // namespace

int main(int argc, char **argv)
{
    // No display, no platform plugin: painting an SVG without text into a QImage needs neither.
    QCoreApplication app(argc, argv);
    return run(QCoreApplication::arguments()) ? 0 : 1;
}
