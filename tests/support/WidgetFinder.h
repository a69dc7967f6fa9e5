#pragma once

// GUI tests find widgets by objectName. A missing name is a broken test, not a skipped
// check: stop with the name.
#include <QString>
#include <QWidget>

#include <cstdlib>

namespace omu::test {

template <typename T> T* findWidget(QWidget* root, const char* name)
{
    T* widget = root->findChild<T*>(QString::fromLatin1(name));
    if (!widget)
        qFatal("no widget named %s", name);
    return widget;
}

} // namespace omu::test
