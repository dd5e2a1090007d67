# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'case_list.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QHBoxLayout, QHeaderView,
    QLabel, QLineEdit, QPushButton, QSizePolicy,
    QSpacerItem, QTableView, QVBoxLayout, QWidget)

class Ui_CaseListPage(object):
    def setupUi(self, CaseListPage):
        if not CaseListPage.objectName():
            CaseListPage.setObjectName(u"CaseListPage")
        CaseListPage.resize(1000, 600)
        self.pageLayout = QVBoxLayout(CaseListPage)
        self.pageLayout.setObjectName(u"pageLayout")
        self.heading = QLabel(CaseListPage)
        self.heading.setObjectName(u"heading")

        self.pageLayout.addWidget(self.heading)

        self.searchRow = QHBoxLayout()
        self.searchRow.setObjectName(u"searchRow")
        self.searchLabel = QLabel(CaseListPage)
        self.searchLabel.setObjectName(u"searchLabel")

        self.searchRow.addWidget(self.searchLabel)

        self.searchEdit = QLineEdit(CaseListPage)
        self.searchEdit.setObjectName(u"searchEdit")
        self.searchEdit.setClearButtonEnabled(True)

        self.searchRow.addWidget(self.searchEdit)


        self.pageLayout.addLayout(self.searchRow)

        self.actionRow = QHBoxLayout()
        self.actionRow.setObjectName(u"actionRow")
        self.newButton = QPushButton(CaseListPage)
        self.newButton.setObjectName(u"newButton")

        self.actionRow.addWidget(self.newButton)

        self.openButton = QPushButton(CaseListPage)
        self.openButton.setObjectName(u"openButton")

        self.actionRow.addWidget(self.openButton)

        self.reviewButton = QPushButton(CaseListPage)
        self.reviewButton.setObjectName(u"reviewButton")

        self.actionRow.addWidget(self.reviewButton)

        self.deleteButton = QPushButton(CaseListPage)
        self.deleteButton.setObjectName(u"deleteButton")

        self.actionRow.addWidget(self.deleteButton)

        self.actionSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.actionRow.addItem(self.actionSpacer)

        self.sampleButton = QPushButton(CaseListPage)
        self.sampleButton.setObjectName(u"sampleButton")

        self.actionRow.addWidget(self.sampleButton)


        self.pageLayout.addLayout(self.actionRow)

        self.table = QTableView(CaseListPage)
        self.table.setObjectName(u"table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.verticalHeader().setVisible(False)

        self.pageLayout.addWidget(self.table)

        self.emptyLabel = QLabel(CaseListPage)
        self.emptyLabel.setObjectName(u"emptyLabel")
        self.emptyLabel.setWordWrap(True)

        self.pageLayout.addWidget(self.emptyLabel)

#if QT_CONFIG(shortcut)
        self.searchLabel.setBuddy(self.searchEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.searchEdit, self.newButton)
        QWidget.setTabOrder(self.newButton, self.openButton)
        QWidget.setTabOrder(self.openButton, self.reviewButton)
        QWidget.setTabOrder(self.reviewButton, self.deleteButton)
        QWidget.setTabOrder(self.deleteButton, self.sampleButton)
        QWidget.setTabOrder(self.sampleButton, self.table)

        self.retranslateUi(CaseListPage)

        QMetaObject.connectSlotsByName(CaseListPage)
    # setupUi

    def retranslateUi(self, CaseListPage):
        self.heading.setText(QCoreApplication.translate("CaseListPage", u"Assessments", None))
        self.searchLabel.setText(QCoreApplication.translate("CaseListPage", u"Search", None))
        self.searchEdit.setPlaceholderText(QCoreApplication.translate("CaseListPage", u"Name, reference, status or level", None))
#if QT_CONFIG(accessibility)
        self.searchEdit.setAccessibleName(QCoreApplication.translate("CaseListPage", u"Search", None))
#endif // QT_CONFIG(accessibility)
        self.newButton.setText(QCoreApplication.translate("CaseListPage", u"New assessment", None))
        self.openButton.setText(QCoreApplication.translate("CaseListPage", u"Open", None))
        self.reviewButton.setText(QCoreApplication.translate("CaseListPage", u"New review from selected", None))
        self.deleteButton.setText(QCoreApplication.translate("CaseListPage", u"Delete\u2026", None))
        self.sampleButton.setText(QCoreApplication.translate("CaseListPage", u"Open the sample assessment", None))
#if QT_CONFIG(accessibility)
        self.table.setAccessibleName(QCoreApplication.translate("CaseListPage", u"Assessments", None))
#endif // QT_CONFIG(accessibility)
        self.emptyLabel.setText(QCoreApplication.translate("CaseListPage", u"There are no assessments yet. Choose \"New assessment\" to start one, or open the sample assessment to practise.", None))
        pass
    # retranslateUi

