#include "ChildEnvironment.h"

#include "connection/TextFile.h"

#include <QRegularExpression>
#include <QSet>

namespace omu {

namespace {

bool isBasic(const QString& name)
{
    static const QSet<QString> names{
        QStringLiteral("PATH"),
        QStringLiteral("HOME"),
        QStringLiteral("USER"),
        QStringLiteral("LOGNAME"),
        QStringLiteral("SHELL"),
        QStringLiteral("LANG"),
        QStringLiteral("LANGUAGE"),
        QStringLiteral("TZ"),
        QStringLiteral("TMPDIR"),
        QStringLiteral("TERM"),
        QStringLiteral("JAVA_HOME"),
        QStringLiteral("JAVA_OPTS"),
        QStringLiteral("JDK_JAVA_OPTIONS"),
        QStringLiteral("http_proxy"),
        QStringLiteral("https_proxy"),
        QStringLiteral("no_proxy"),
        QStringLiteral("HTTP_PROXY"),
        QStringLiteral("HTTPS_PROXY"),
        QStringLiteral("NO_PROXY"),
    };
    return names.contains(name) || name.startsWith(QLatin1String("LC_")) ||
           name.startsWith(QLatin1String("OPENMETADATA_")) ||
           // The switches of the test stand-in release (tests/fakes): never secrets.
           name.startsWith(QLatin1String("OMU_FAKE_"));
}

// omupgrade's own variables and the database clients' password variables: a child that
// needs a password gets it under the name its configuration reads.
bool isOurs(const QString& name)
{
    return (name.startsWith(QLatin1String("OMU_")) &&
            !name.startsWith(QLatin1String("OMU_FAKE_"))) ||
           name == QLatin1String("PGPASSWORD") || name == QLatin1String("MYSQL_PWD");
}

} // namespace

QStringList ChildEnvironment::referencedVariables(const QString& text)
{
    // $${NAME} is a literal ${NAME}, not a reference.
    static const QRegularExpression reference(
        QStringLiteral(R"((?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*))"));
    QStringList names;
    auto it = reference.globalMatch(text);
    while (it.hasNext()) {
        const QString name = it.next().captured(1);
        if (!names.contains(name))
            names << name;
    }
    return names;
}

QProcessEnvironment ChildEnvironment::forTool(const QProcessEnvironment& base,
                                              const QString& configFile)
{
    QStringList wanted;
    if (!configFile.isEmpty())
        if (const auto text = TextFile::read(configFile, QStringLiteral("configuration")))
            wanted = referencedVariables(text.value());
    QProcessEnvironment child;
    for (const QString& name : base.keys())
        if ((isBasic(name) || wanted.contains(name)) && !name.startsWith(QLatin1String("OMU_DB_")))
            child.insert(name, base.value(name));
    return child;
}

QProcessEnvironment ChildEnvironment::forContainerTool(const QProcessEnvironment& base)
{
    QProcessEnvironment child;
    for (const QString& name : base.keys())
        if (!isOurs(name))
            child.insert(name, base.value(name));
    return child;
}

} // namespace omu
