from django.urls import path

from kuzbas.meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("new/", views.meeting_convene, name="convene"),
    path("<int:pk>/", views.meeting_detail, name="meeting"),
    path("<int:pk>/open/", views.meeting_open, name="open"),
    path("<int:pk>/close/", views.meeting_close, name="close"),
    path("<int:pk>/check-in/", views.check_in, name="check_in"),
    path("<int:pk>/attendance/", views.attendance_add, name="attendance_add"),
    path("<int:pk>/items/", views.item_add, name="item_add"),
    path("<int:pk>/chair/", views.take_chair, name="take_chair"),
    path("<int:pk>/notice/", views.notice_give, name="notice_give"),
    path("<int:pk>/proxies/", views.proxy_give, name="proxy_give"),
    path("<int:pk>/proxies/<int:proxy>/end/", views.proxy_end, name="proxy_end"),
    path("<int:pk>/items/<int:position>/open/", views.item_vote_open, name="vote_open"),
    path("<int:pk>/items/<int:position>/close/", views.item_vote_close, name="vote_close"),
    path("<int:pk>/items/<int:position>/count/", views.item_count, name="vote_count"),
    path("<int:pk>/items/<int:position>/speak/", views.speak, name="speak"),
    path("<int:pk>/items/<int:position>/next/", views.speaker_next, name="speaker_next"),
    path("<int:pk>/items/<int:position>/amend/", views.amend, name="amend"),
    path("<int:pk>/vote/", views.vote_page, name="vote"),
    path("<int:pk>/vote/cast/", views.cast, name="cast"),
    path("<int:pk>/live/<str:token>/<int:revision>", views.live_poll, name="live"),
    path("<int:pk>/minutes/", views.minutes, name="minutes"),
    path("<int:pk>/minutes.pdf", views.minutes_pdf, name="minutes_pdf"),
]
