// The one helper that runs work off the UI thread: `done` in the owner's thread, every run
// answered in Parallel, only the newest in Supersede, cancel reaching the work, progress
// from a superseded run dropped, and the destructor waiting for work under way.
#include "common/AsyncTask.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace omu;

class TestAsyncTask : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void runsWorkElsewhereAndAnswersHere();
    void parallelRunsAllAnswer();
    void supersedeAnswersOnlyTheNewest();
    void cancelReachesTheWork();
    void progressOfASupersededRunIsDropped();
    void destructionWaitsForTheWork();
};

void TestAsyncTask::runsWorkElsewhereAndAnswersHere()
{
    AsyncTask task;
    QThread* workThread = nullptr;
    QThread* doneThread = nullptr;
    task.start([&workThread](const CancelToken&) { workThread = QThread::currentThread(); },
               [&doneThread] { doneThread = QThread::currentThread(); });
    QVERIFY(task.isRunning());
    QTRY_VERIFY(doneThread != nullptr);
    QVERIFY(workThread != QThread::currentThread());
    QCOMPARE(doneThread, QThread::currentThread());
    QVERIFY(!task.isRunning());
}

void TestAsyncTask::parallelRunsAllAnswer()
{
    AsyncTask task(AsyncTask::Overlap::Parallel);
    int answers = 0;
    for (int i = 0; i < 3; ++i)
        task.start([](const CancelToken&) { QThread::msleep(20); }, [&answers] { ++answers; });
    QTRY_COMPARE(answers, 3);
}

void TestAsyncTask::supersedeAnswersOnlyTheNewest()
{
    AsyncTask task(AsyncTask::Overlap::Supersede);
    QStringList answers;
    std::atomic_bool firstCancelled{false};
    task.start(
        [&firstCancelled](const CancelToken& cancel) {
            for (int i = 0; i < 200 && !cancel.isCancelled(); ++i)
                QThread::msleep(5);
            firstCancelled = cancel.isCancelled();
        },
        [&answers] { answers << QStringLiteral("first"); });
    task.start([](const CancelToken&) {}, [&answers] { answers << QStringLiteral("second"); });
    QTRY_COMPARE(answers, QStringList{QStringLiteral("second")});
    QTRY_VERIFY(firstCancelled);
    QTest::qWait(50); // the first run's end has arrived by now, and was dropped
    QCOMPARE(answers, QStringList{QStringLiteral("second")});
}

void TestAsyncTask::cancelReachesTheWork()
{
    AsyncTask task;
    std::atomic_bool sawCancel{false};
    bool done = false;
    task.start(
        [&sawCancel](const CancelToken& cancel) {
            while (!cancel.isCancelled())
                QThread::msleep(2);
            sawCancel = true;
        },
        [&done] { done = true; });
    task.cancel();
    QVERIFY(task.cancelRequested());
    QTRY_VERIFY(done);
    QVERIFY(sawCancel);
}

void TestAsyncTask::progressOfASupersededRunIsDropped()
{
    AsyncTask task(AsyncTask::Overlap::Supersede);
    QStringList seen;
    const quint64 first = task.generation() + 1;
    std::atomic_bool release{false};
    task.start([&task, first, &seen, &release](const CancelToken&) {
        while (!release)
            QThread::msleep(2);
        task.post(first, [&seen] { seen << QStringLiteral("old progress"); });
    });
    const quint64 second = task.generation() + 1;
    bool done = false;
    task.start(
        [&task, second, &seen](const CancelToken&) {
            task.post(second, [&seen] { seen << QStringLiteral("new progress"); });
            QThread::msleep(50);
        },
        [&done] { done = true; });
    release = true;
    QTRY_VERIFY(done);
    QTest::qWait(50);
    QCOMPARE(seen, QStringList{QStringLiteral("new progress")});
}

void TestAsyncTask::destructionWaitsForTheWork()
{
    std::atomic_bool finished{false};
    {
        AsyncTask task;
        task.start([&finished](const CancelToken&) {
            QThread::msleep(100);
            finished = true;
        });
    }
    QVERIFY(finished);
}

QTEST_GUILESS_MAIN(TestAsyncTask)
#include "TestAsyncTask.moc"
