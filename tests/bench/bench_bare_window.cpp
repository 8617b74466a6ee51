// Benchmark reference (not a test): the bare Qt window the first-frame row compares ecalab's
// window with — a QApplication and an empty QMainWindow, nothing else, loading the same shared
// libraries as ecalab's window and stopped by the same switch:
//
//   QT_QPA_PLATFORM=offscreen ECALAB_EXIT_AFTER_FIRST_FRAME=1 bench_bare_window
#include "FirstFrameProbe.h"

#include <QApplication>
#include <QHttpServer>
#include <QMainWindow>
#include <QNetworkAccessManager>

#include <cmath>

#include <openssl/crypto.h>
#include <qrencode.h>

namespace {
// One symbol of each library ecalab's window links (readelf -d): referenced, so the linker keeps
// them all (--as-needed drops the unused) and the dynamic loader does the same work for both.
// run.sh compares the two NEEDED lists and says whether they match.
const void *const kLibraries[] = {&QHttpServer::staticMetaObject, &QNetworkAccessManager::staticMetaObject,
                                  &QGuiApplication::staticMetaObject,
                                  reinterpret_cast<const void *>(&OpenSSL_version),
                                  reinterpret_cast<const void *>(&QRcode_encodeString),
                                  reinterpret_cast<const void *>(static_cast<double (*)(double)>(&::cbrt))}; // libm
const void *volatile g_sink = nullptr;
} // namespace

int main(int argc, char **argv)
{
    for (const void *library : kLibraries)
        g_sink = library;
    QApplication app(argc, argv);
    QMainWindow window;
    window.setCentralWidget(new QWidget);
    window.resize(1200, 780); // the size ecalab's window first opens at (MainWindow::restoreState)
    window.show();
    ecalab::ui::exitAfterFirstFrameIfAsked(&window);
    return QApplication::exec();
}
