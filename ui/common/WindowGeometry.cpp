#include "WindowGeometry.h"

#include <QEvent>
#include <QScreen>
#include <QSettings>
#include <QWidget>

namespace omu::ui {

namespace {

const char* const geometryKey = "window/geometry";

// Saves the window's geometry whenever the program hides it (closed, finished, cancelled);
// not when the window system minimises it.
class GeometryKeeper : public QObject
{
public:
    explicit GeometryKeeper(QWidget* window) : QObject(window), m_window(window) {}

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (watched == m_window && event->type() == QEvent::Hide && !event->spontaneous())
            QSettings().setValue(QLatin1String(geometryKey), m_window->saveGeometry());
        return QObject::eventFilter(watched, event);
    }

private:
    QWidget* m_window;
};

} // namespace

void rememberWindowGeometry(QWidget* window)
{
    window->setMaximumSize(QWIDGETSIZE_MAX, QWIDGETSIZE_MAX);
    const QByteArray saved = QSettings().value(QLatin1String(geometryKey)).toByteArray();
    if (saved.isEmpty() || !window->restoreGeometry(saved)) {
        QSize size(1024, 768);
        if (const QScreen* screen = window->screen())
            size = size.boundedTo(screen->availableGeometry().size());
        window->resize(size);
    }
    window->installEventFilter(new GeometryKeeper(window));
}

} // namespace omu::ui
