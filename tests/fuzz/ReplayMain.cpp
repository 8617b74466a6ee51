// The replay driver of normal builds: feeds every file under the directories (or the files) on the
// command line to LLVMFuzzerTestOneInput, once, in name order, and fails on an empty corpus so a
// misnamed directory cannot pass as "nothing crashed".

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QStringList>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

namespace {

QStringList inputFiles(const QString &argument)
{
    if (QFileInfo(argument).isFile())
        return {argument};
    QStringList files;
    QDirIterator it(argument, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(it.next());
    std::sort(files.begin(), files.end()); // the same order on every machine
    return files;
}

bool replay(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "replay: cannot read %s\n", qPrintable(path));
        return false;
    }
    const QByteArray input = file.readAll();
    // A private copy of exactly the input's size, so ASan sees a read one byte past the end.
    std::vector<uint8_t> copy(input.begin(), input.end());
    std::fprintf(stderr, "replay: %s (%zu bytes)\n", qPrintable(path), copy.size());
    LLVMFuzzerTestOneInput(copy.data(), copy.size());
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    int count = 0;
    for (int i = 1; i < argc; ++i) {
        for (const QString &path : inputFiles(QString::fromLocal8Bit(argv[i]))) {
            if (!replay(path))
                return 1;
            ++count;
        }
    }
    std::printf("replayed %d inputs\n", count);
    if (count == 0) {
        std::fprintf(stderr, "replay: no inputs found (give corpus directories or files)\n");
        return 1;
    }
    return 0;
}
