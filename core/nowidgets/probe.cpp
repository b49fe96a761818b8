// Must not compile: see core/CMakeLists.txt.
#include <QWidget>

int probe() {
    return sizeof(QWidget);
}
